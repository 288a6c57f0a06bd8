package dev.batchyard.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts requests on this node only. Keeps the current window's counts; older windows are
 * dropped when a new one starts.
 *
 * @author Batchyard
 */
class LocalRequestCounter implements RequestCounter {

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private volatile long window;

	@Override
	public long count(String caller, long windowStartMillis) {
		if (windowStartMillis != this.window) {
			synchronized (this) {
				if (windowStartMillis > this.window) {
					this.counts.clear();
					this.window = windowStartMillis;
				}
			}
		}
		return this.counts.computeIfAbsent(caller, (key) -> new AtomicLong()).incrementAndGet();
	}

}
