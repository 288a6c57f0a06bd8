package dev.batchyard.engine;

import java.time.Instant;
import java.util.List;

/**
 * A job as stored: one request to run a job type on a queue with a JSON payload.
 *
 * @param id the id
 * @param queueName the queue
 * @param type the job type's name
 * @param state where it is in its life
 * @param priority 1 (first) to 10
 * @param payload the payload as JSON
 * @param progress 0 to 100
 * @param attempts attempts started so far
 * @param maxAttempts attempts before the job stays failed
 * @param runAt when it may run (the next retry's time when delayed)
 * @param createdAt when it was enqueued
 * @param startedAt when its last attempt started
 * @param finishedAt when it completed, failed for good or was cancelled
 * @param durationMs how long the completed attempt took
 * @param result the result as JSON, when completed
 * @param failures one record per failed attempt, oldest first
 * @param workerId the worker (queue pool on a node) of its last attempt
 * @param logs the job's log lines, oldest first (bounded)
 * @param dedupeKey the dedupe key, if any
 * @param enqueuedBy the API principal that enqueued it (a user name, or
 * {@code token:<name>}), or null when enqueued in process or by a schedule
 * @param allocatedMb the memory its completed attempt allocated in MB, null when not
 * measured (a virtual worker thread keeps no allocation counter, or tracking is off)
 * @author Batchyard
 */
public record Job(long id, String queueName, String type, JobState state, int priority, String payload, int progress,
		int attempts, int maxAttempts, Instant runAt, Instant createdAt, Instant startedAt, Instant finishedAt,
		Long durationMs, String result, List<JobFailure> failures, String workerId, List<String> logs, String dedupeKey,
		String enqueuedBy, Double allocatedMb) {

	/** A job whose allocation is not known. */
	public Job(long id, String queueName, String type, JobState state, int priority, String payload, int progress,
			int attempts, int maxAttempts, Instant runAt, Instant createdAt, Instant startedAt, Instant finishedAt,
			Long durationMs, String result, List<JobFailure> failures, String workerId, List<String> logs,
			String dedupeKey, String enqueuedBy) {
		this(id, queueName, type, state, priority, payload, progress, attempts, maxAttempts, runAt, createdAt,
				startedAt, finishedAt, durationMs, result, failures, workerId, logs, dedupeKey, enqueuedBy, null);
	}

	/** A job without an API principal. */
	public Job(long id, String queueName, String type, JobState state, int priority, String payload, int progress,
			int attempts, int maxAttempts, Instant runAt, Instant createdAt, Instant startedAt, Instant finishedAt,
			Long durationMs, String result, List<JobFailure> failures, String workerId, List<String> logs,
			String dedupeKey) {
		this(id, queueName, type, state, priority, payload, progress, attempts, maxAttempts, runAt, createdAt,
				startedAt, finishedAt, durationMs, result, failures, workerId, logs, dedupeKey, null);
	}

}
