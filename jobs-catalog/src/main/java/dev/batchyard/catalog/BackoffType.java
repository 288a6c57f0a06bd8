package dev.batchyard.catalog;

/**
 * How the delay between two attempts of a job grows.
 *
 * @author Batchyard
 */
public enum BackoffType {

	/** The same delay before every retry. */
	FIXED,

	/** The delay doubles on every retry, up to a cap. */
	EXPONENTIAL,

	/** An explicit list of delays; the last one repeats. */
	CUSTOM

}
