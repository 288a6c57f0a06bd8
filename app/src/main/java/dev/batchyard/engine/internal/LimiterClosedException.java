package dev.batchyard.engine.internal;

import java.time.Duration;

/**
 * A step met a closed rate limiter: the job goes back to {@code delayed} for the
 * limiter's retry-after, without spending its attempt.
 *
 * @author Batchyard
 */
class LimiterClosedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	LimiterClosedException(String queueName, Duration retryAfter) {
		super("A rate limiter of queue " + queueName + " is closed; retry in " + retryAfter.toMillis() + " ms");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
