package dev.batchyard.memory.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntConsumer;

import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.memory.MemoryProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The opt-in self-restart ({@code batchyard.memory.exit-on-hard-limit}): when the heap in
 * use stays over the hard limit even right after a full collection, for
 * {@code exit-on-hard-limit-after}, the node exits with
 * {@link MemoryProperties#EXIT_CODE} through a graceful stop, so that its supervisor
 * starts a fresh JVM. This is the JVM's answer to a leaking job type: only a new process
 * gets the heap back.
 * <p>
 * A sample over the hard limit says little on its own (garbage counts until it is
 * collected), so the check asks for a full collection ({@code System.gc()}, a full
 * collection unless the JVM runs with {@code -XX:+DisableExplicitGC} or
 * {@code ExplicitGCInvokesConcurrent}) and reads what the heap's pools held right after
 * the last collection ({@link MemoryPoolMXBean#getCollectionUsage()}). It does so only
 * while samples are over the hard limit, at most once per sample.
 *
 * @author Batchyard
 */
class HardLimitExit {

	private static final Log logger = LogFactory.getLog(HardLimitExit.class);

	private static final double MB = 1024.0 * 1024.0;

	private final Duration after;

	private final Clock clock;

	/** Exits the process with the code given; runs once. */
	private final IntConsumer exit;

	private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.toList();

	private Instant overSince;

	private boolean exiting;

	HardLimitExit(Duration after, Clock clock, IntConsumer exit) {
		this.after = after;
		this.clock = clock;
		this.exit = exit;
	}

	synchronized void afterSample(CurrentMemory sample) {
		if (this.exiting) {
			return;
		}
		if (!sample.status().exceedsCritical()) {
			this.overSince = null;
			return;
		}
		double afterGc = heapAfterFullCollectionMb();
		int hardLimit = sample.limits().hardLimitMB();
		if (afterGc < hardLimit) {
			this.overSince = null;
			return;
		}
		Instant now = this.clock.instant();
		if (this.overSince == null) {
			this.overSince = now;
			logger.warn("Heap in use after a full collection is " + Math.round(afterGc) + " MB, over the hard limit of "
					+ hardLimit + " MB: this node exits if it stays over it for " + this.after.toSeconds() + " s");
		}
		if (!now.isBefore(this.overSince.plus(this.after))) {
			this.exiting = true;
			logger.error("Heap in use after a full collection has stayed over the hard limit of " + hardLimit
					+ " MB since " + this.overSince + " (" + Math.round(afterGc)
					+ " MB now): stopping gracefully and exiting with code " + MemoryProperties.EXIT_CODE
					+ " so that a fresh node takes over");
			this.exit.accept(MemoryProperties.EXIT_CODE);
		}
	}

	private double heapAfterFullCollectionMb() {
		System.gc();
		long bytes = 0;
		for (MemoryPoolMXBean pool : this.heapPools) {
			MemoryUsage usage = pool.getCollectionUsage();
			if (usage != null) {
				bytes += usage.getUsed();
			}
		}
		return bytes / MB;
	}

}
