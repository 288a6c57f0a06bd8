package dev.batchyard.engine.internal;

import java.lang.management.ManagementFactory;
import java.util.List;

import dev.batchyard.engine.AttemptAllocations;

/**
 * What an attempt allocates, from the JVM's per-thread allocation counter (HotSpot's
 * {@code com.sun.management.ThreadMXBean}): two reads of a thread-local field, so cheap
 * enough to take around every attempt. A virtual thread keeps no counter of its own (its
 * allocations are counted to whichever carrier thread it runs on, shared with other
 * virtual threads), so there the attempt's allocation is unknown: null, not a guess.
 *
 * @author Batchyard
 */
class AllocationCounter {

	static final long UNKNOWN = -1;

	private static final double MB = 1024.0 * 1024.0;

	private final com.sun.management.ThreadMXBean threads;

	private final List<AttemptAllocations> listeners;

	AllocationCounter(boolean enabled, List<AttemptAllocations> listeners) {
		this.threads = enabled ? supported() : null;
		this.listeners = listeners;
	}

	private static com.sun.management.ThreadMXBean supported() {
		if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
				&& threads.isThreadAllocatedMemorySupported()) {
			threads.setThreadAllocatedMemoryEnabled(true);
			return threads;
		}
		return null;
	}

	/** The current thread's counter, or {@link #UNKNOWN}. */
	long start() {
		return (this.threads != null) ? this.threads.getCurrentThreadAllocatedBytes() : UNKNOWN;
	}

	/**
	 * What the current thread allocated since {@code start}, in MB (two decimals), told
	 * to the listeners; null when unknown.
	 */
	Double since(long start, String queueName) {
		if (start < 0) {
			return null;
		}
		long now = this.threads.getCurrentThreadAllocatedBytes();
		if (now < start) {
			return null;
		}
		double mb = Math.round((now - start) / MB * 100) / 100.0;
		for (AttemptAllocations listener : this.listeners) {
			listener.allocated(queueName, mb);
		}
		return mb;
	}

}
