package dev.batchyard.scaling.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

/**
 * The deciding node's CPU and heap use, in percent.
 *
 * @author Batchyard
 */
interface NodeUsage {

	/** The machine's CPU use, or {@code null} when the JVM does not report it. */
	Double cpuPercent();

	/** Heap in use, in percent of the heap's maximum (or of what is committed). */
	Double memoryPercent();

	/** From the JVM's management beans. */
	static NodeUsage jvm() {
		return new NodeUsage() {

			@Override
			public Double cpuPercent() {
				OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
				if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
					double load = sun.getCpuLoad();
					return (load >= 0) ? Math.round(load * 1000) / 10.0 : null;
				}
				return null;
			}

			@Override
			public Double memoryPercent() {
				MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
				long limit = (heap.getMax() > 0) ? heap.getMax() : heap.getCommitted();
				return (limit > 0) ? Math.round(heap.getUsed() * 1000.0 / limit) / 10.0 : null;
			}

		};
	}

}
