package dev.batchyard.catalog;

import java.util.Objects;

/**
 * How often a job of a queue is tried and how long it waits in between.
 *
 * @param maxAttempts the number of attempts, including the first (at least 1)
 * @param backoff the delay before each retry
 * @author Batchyard
 */
public record RetryPolicy(int maxAttempts, Backoff backoff) {

	public RetryPolicy {
		Objects.requireNonNull(backoff, "backoff");
	}

}
