package dev.batchyard.limits.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SLIDING_WINDOW on one node, as a sliding log: the times of the permits granted within
 * the longest window, oldest first. A permit at time {@code t} is granted when, for every
 * window of length {@code L} and limit {@code N}, fewer than {@code N} permits were
 * granted in {@code (t - L, t]}; so no interval of length {@code L} ever holds more than
 * {@code N} grants. Memory: one {@code long} per permit of the longest window (800 kB for
 * 100,000 per day). Resilience4j has no sliding window limiter, hence our own code.
 *
 * @author Batchyard
 */
final class SlidingLogLimiter implements LocalLimiter {

	private long[] times = new long[16];

	private int head;

	private int size;

	@Override
	public long check(List<WindowLimit> windows, long now) {
		evictUpTo(now - windows.get(windows.size() - 1).period().nanos());
		long retry = 0;
		for (WindowLimit window : windows) {
			long length = window.period().nanos();
			int first = firstAfter(now - length);
			long count = this.size - first;
			if (count >= window.limit()) {
				// the grant that must leave the window before one more fits
				long leaving = get(first + (int) (count - window.limit()));
				retry = Math.max(retry, Math.max(1, leaving + length - now));
			}
		}
		return retry;
	}

	@Override
	public void take(List<WindowLimit> windows, long now) {
		if (this.size == this.times.length) {
			long[] grown = new long[this.times.length * 2];
			for (int i = 0; i < this.size; i++) {
				grown[i] = get(i);
			}
			this.times = grown;
			this.head = 0;
		}
		this.times[(this.head + this.size) % this.times.length] = now;
		this.size++;
	}

	@Override
	public List<Usage> usage(List<WindowLimit> windows, long now) {
		evictUpTo(now - windows.get(windows.size() - 1).period().nanos());
		List<Usage> usage = new ArrayList<>();
		for (WindowLimit window : windows) {
			long length = window.period().nanos();
			int first = firstAfter(now - length);
			long count = this.size - first;
			long resetAt = (count > 0) ? get(first) + length : now;
			usage.add(new Usage(window, count, resetAt));
		}
		return usage;
	}

	int size() {
		return this.size;
	}

	private void evictUpTo(long threshold) {
		int drop = firstAfter(threshold);
		this.head = (this.head + drop) % this.times.length;
		this.size -= drop;
		if (this.size == 0) {
			Arrays.fill(this.times, 0);
			this.head = 0;
		}
	}

	/** The index of the first time strictly after {@code threshold}. */
	private int firstAfter(long threshold) {
		int low = 0;
		int high = this.size;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (get(middle) <= threshold) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

	private long get(int index) {
		return this.times[(this.head + index) % this.times.length];
	}

}
