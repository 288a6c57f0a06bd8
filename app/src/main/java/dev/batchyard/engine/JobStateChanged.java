package dev.batchyard.engine;

import java.time.Instant;

/**
 * A job moved to a new state on this node: enqueued ({@code WAITING} or {@code DELAYED}),
 * claimed ({@code ACTIVE}), {@code COMPLETED}, failed an attempt and waits for its retry
 * ({@code DELAYED}), {@code FAILED} for good, {@code CANCELLED}, or put back to
 * {@code WAITING} by a retry. Published as a Spring application event by the node where
 * the change happened, after it was written; listeners run on the engine's threads and
 * must return at once.
 *
 * @param jobId the job's id
 * @param queueName its queue
 * @param type its job type
 * @param state the state it moved to
 * @param at when
 * @param durationMs how long the attempt ran, for {@code COMPLETED}; null otherwise
 * @author Batchyard
 */
public record JobStateChanged(long jobId, String queueName, String type, JobState state, Instant at, Long durationMs) {

	/**
	 * A change without a duration.
	 * @param jobId the job's id
	 * @param queueName its queue
	 * @param type its job type
	 * @param state the state it moved to
	 * @param at when
	 */
	public JobStateChanged(long jobId, String queueName, String type, JobState state, Instant at) {
		this(jobId, queueName, type, state, at, null);
	}

}
