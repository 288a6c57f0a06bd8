package dev.batchyard.limits.internal;

import java.util.List;

/**
 * One limiter's counts on this node. Not thread-safe: {@link LocalLimiting} calls it
 * under the limiter's lock, which makes "check every window, then take from every window"
 * atomic.
 *
 * @author Batchyard
 */
interface LocalLimiter {

	/**
	 * Checks every window without taking anything.
	 * @param windows the windows and their current limits
	 * @param now the node's monotonic time in nanoseconds
	 * @return 0 when every window allows a permit, else the nanoseconds until the windows
	 * that deny could allow one (at least 1)
	 */
	long check(List<WindowLimit> windows, long now);

	/**
	 * Takes one permit from every window; call only right after a {@link #check} that
	 * returned 0, under the same lock.
	 * @param windows the windows
	 * @param now the time of the check
	 */
	void take(List<WindowLimit> windows, long now);

	/**
	 * The usage of each window.
	 * @param windows the windows
	 * @param now the node's monotonic time in nanoseconds
	 * @return per window: the count and the nanoseconds until it frees capacity
	 */
	List<Usage> usage(List<WindowLimit> windows, long now);

	/**
	 * A window's count and the monotonic time at which it frees capacity.
	 *
	 * @param window the window
	 * @param current the count
	 * @param resetAtNanos when it frees capacity, in the node's monotonic time
	 */
	record Usage(WindowLimit window, long current, long resetAtNanos) {

	}

}
