package dev.batchyard.engine;

import java.time.Duration;
import java.time.Instant;

import dev.batchyard.catalog.Backoff;

/**
 * A request to run a job type. Only the type is required; everything else defaults from
 * the type (queue) and the queue (priority from its tier, attempts and backoff from its
 * retry policy, timeout).
 *
 * @param type the job type's name
 * @param queueName the queue, or null for the type's default queue
 * @param payload the payload as JSON, or null for {@code {}}; validated against the
 * type's payload class
 * @param priority 1 (first) to 10, or null for the queue's tier
 * @param delay run no sooner than this from now, or null
 * @param runAt run no sooner than this, or null (not together with a delay)
 * @param maxAttempts attempts before the job stays failed, or null for the queue's
 * @param backoff the delay before each retry, or null for the queue's
 * @param timeout the hard timeout of an attempt, or null for the queue's
 * @param dedupeKey at most one unfinished job per queue and key, or null
 * @param scheduleName the schedule whose firing enqueued this job, or null
 * @param enqueuedBy the API principal that sends the request, or null
 * @author Batchyard
 */
public record EnqueueRequest(String type, String queueName, String payload, Integer priority, Duration delay,
		Instant runAt, Integer maxAttempts, Backoff backoff, Duration timeout, String dedupeKey, String scheduleName,
		String enqueuedBy) {

	/**
	 * A request for the type with the payload and every default.
	 * @param type the job type's name
	 * @param payload the payload as JSON, or null
	 * @return the request
	 */
	public static EnqueueRequest of(String type, String payload) {
		return new EnqueueRequest(type, null, payload, null, null, null, null, null, null, null, null, null);
	}

	public EnqueueRequest onQueue(String queueName) {
		return new EnqueueRequest(this.type, queueName, this.payload, this.priority, this.delay, this.runAt,
				this.maxAttempts, this.backoff, this.timeout, this.dedupeKey, this.scheduleName, this.enqueuedBy);
	}

	public EnqueueRequest withPriority(Integer priority) {
		return new EnqueueRequest(this.type, this.queueName, this.payload, priority, this.delay, this.runAt,
				this.maxAttempts, this.backoff, this.timeout, this.dedupeKey, this.scheduleName, this.enqueuedBy);
	}

	public EnqueueRequest withDelay(Duration delay) {
		return new EnqueueRequest(this.type, this.queueName, this.payload, this.priority, delay, this.runAt,
				this.maxAttempts, this.backoff, this.timeout, this.dedupeKey, this.scheduleName, this.enqueuedBy);
	}

	public EnqueueRequest withRunAt(Instant runAt) {
		return new EnqueueRequest(this.type, this.queueName, this.payload, this.priority, this.delay, runAt,
				this.maxAttempts, this.backoff, this.timeout, this.dedupeKey, this.scheduleName, this.enqueuedBy);
	}

	public EnqueueRequest withRetries(Integer maxAttempts, Backoff backoff) {
		return new EnqueueRequest(this.type, this.queueName, this.payload, this.priority, this.delay, this.runAt,
				maxAttempts, backoff, this.timeout, this.dedupeKey, this.scheduleName, this.enqueuedBy);
	}

	public EnqueueRequest withTimeout(Duration timeout) {
		return new EnqueueRequest(this.type, this.queueName, this.payload, this.priority, this.delay, this.runAt,
				this.maxAttempts, this.backoff, timeout, this.dedupeKey, this.scheduleName, this.enqueuedBy);
	}

	public EnqueueRequest withDedupeKey(String dedupeKey) {
		return new EnqueueRequest(this.type, this.queueName, this.payload, this.priority, this.delay, this.runAt,
				this.maxAttempts, this.backoff, this.timeout, dedupeKey, this.scheduleName, this.enqueuedBy);
	}

	public EnqueueRequest fromSchedule(String scheduleName) {
		return new EnqueueRequest(this.type, this.queueName, this.payload, this.priority, this.delay, this.runAt,
				this.maxAttempts, this.backoff, this.timeout, this.dedupeKey, scheduleName, this.enqueuedBy);
	}

	/**
	 * The request as sent by an API principal, recorded on the job.
	 * @param principal a user name, or {@code token:<name>}
	 * @return the request
	 */
	public EnqueueRequest sentBy(String principal) {
		return new EnqueueRequest(this.type, this.queueName, this.payload, this.priority, this.delay, this.runAt,
				this.maxAttempts, this.backoff, this.timeout, this.dedupeKey, this.scheduleName, principal);
	}

}
