package dev.batchyard.memory.internal;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.memory.MemoryThresholdCrossed;
import dev.batchyard.monitoring.SystemHealth.MemoryStats;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Takes this node's memory figures and publishes a {@link MemoryThresholdCrossed} for the
 * first sample over each threshold; a threshold is armed again once a sample is below it,
 * so a heap that hovers over the line raises one event, not one per sample.
 *
 * @author Batchyard
 */
class MemorySampler {

	private static final double MB = 1024.0 * 1024.0;

	private static final Path STATUS = Path.of("/proc/self/status");

	private final CurrentMemory.Limits limits;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final List<BufferPoolMXBean> buffers = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);

	private volatile CurrentMemory last;

	private boolean overWarning;

	private boolean overCritical;

	MemorySampler(CurrentMemory.Limits limits, ApplicationEventPublisher events, Clock clock) {
		this.limits = limits;
		this.events = events;
		this.clock = clock;
	}

	CurrentMemory last() {
		CurrentMemory last = this.last;
		return (last != null) ? last : sample();
	}

	synchronized CurrentMemory sample() {
		MemoryUsage heap = this.memory.getHeapMemoryUsage();
		MemoryUsage nonHeap = this.memory.getNonHeapMemoryUsage();
		long direct = 0;
		long mapped = 0;
		for (BufferPoolMXBean pool : this.buffers) {
			if ("mapped".equals(pool.getName())) {
				mapped += Math.max(pool.getMemoryUsed(), 0);
			}
			else {
				direct += Math.max(pool.getMemoryUsed(), 0);
			}
		}
		double heapUsed = mb(heap.getUsed());
		MemoryStats stats = new MemoryStats(heapUsed, mb(heap.getCommitted()), mb(nonHeap.getUsed() + direct + mapped),
				mb(residentBytes()), mb(direct + mapped), round(100.0 * heapUsed / this.limits.hardLimitMB()),
				this.clock.instant());
		CurrentMemory current = new CurrentMemory(stats, this.limits, this.limits.status(heapUsed));
		this.last = current;
		crossings(current);
		return current;
	}

	private void crossings(CurrentMemory current) {
		boolean warning = current.status().exceedsWarning();
		boolean critical = current.status().exceedsCritical();
		if (warning && !this.overWarning) {
			this.events.publishEvent(new MemoryThresholdCrossed(MemoryThresholdCrossed.Level.WARNING, current));
		}
		if (critical && !this.overCritical) {
			this.events.publishEvent(new MemoryThresholdCrossed(MemoryThresholdCrossed.Level.CRITICAL, current));
		}
		this.overWarning = warning;
		this.overCritical = critical;
	}

	/** The resident set from /proc (Linux); 0 elsewhere or when it cannot be read. */
	private static long residentBytes() {
		try {
			for (String line : Files.readAllLines(STATUS)) {
				if (line.startsWith("VmRSS:")) {
					String[] parts = line.substring(6).trim().split("\\s+");
					return Long.parseLong(parts[0]) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// no /proc: the platform does not say
		}
		return 0;
	}

	private static double mb(long bytes) {
		return round(bytes / MB);
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
