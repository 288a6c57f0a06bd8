package dev.batchyard.security;

/**
 * Counts a caller's requests in the current one-minute window.
 *
 * @author Batchyard
 */
interface RequestCounter {

	/**
	 * Counts one request.
	 * @param caller who asks
	 * @param windowStartMillis the start of the current minute (epoch ms)
	 * @return the caller's requests in this window, this one included
	 */
	long count(String caller, long windowStartMillis);

}
