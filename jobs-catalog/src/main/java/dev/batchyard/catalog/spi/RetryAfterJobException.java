package dev.batchyard.catalog.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown (or found as a cause) by a job type when the other side said when to come back,
 * such as an HTTP {@code Retry-After}: if the job has attempts left, the next one runs
 * after that delay instead of the job's backoff. The failed attempt still counts.
 *
 * @author Batchyard
 */
public class RetryAfterJobException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	public RetryAfterJobException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
	}

	/** The delay the other side asked for before the next attempt. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
