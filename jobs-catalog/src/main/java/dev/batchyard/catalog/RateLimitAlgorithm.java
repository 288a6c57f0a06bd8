package dev.batchyard.catalog;

/**
 * How a rate limit counts.
 *
 * @author Batchyard
 */
public enum RateLimitAlgorithm {

	/** Counts the permits of the last window, sliding with time. */
	SLIDING_WINDOW,

	/** Refills a bucket at the window's rate; allows bursts up to its size. */
	TOKEN_BUCKET,

	/** Counts the permits of the current calendar window (second, minute, ...). */
	FIXED_WINDOW

}
