package dev.batchyard.limits.internal;

/**
 * One window of a limiter: its length and how many permits it allows.
 *
 * @param period the window length
 * @param limit permits per window, at least 1
 * @author Batchyard
 */
public record WindowLimit(Period period, long limit) {

	public WindowLimit {
		if (limit < 1) {
			throw new IllegalArgumentException(period.field() + " must be at least 1, was " + limit);
		}
	}

	/**
	 * This window with its limit divided among nodes, never below 1.
	 * @param nodes the number of nodes sharing the limit
	 * @return the node's share
	 */
	public WindowLimit share(int nodes) {
		return (nodes <= 1) ? this : new WindowLimit(this.period, Math.max(1, this.limit / nodes));
	}

}
