package dev.batchyard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak heap (the sum of the heap pools' peaks) and peak resident set size of this JVM,
 * resettable per scenario. The embedded PostgreSQL runs in processes of its own and is
 * not counted.
 *
 * @author Batchyard
 */
final class Memory {

	private static final Path STATUS = Path.of("/proc/self/status");

	private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

	/** Starts a new peak. */
	void reset() {
		System.gc();
		heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
		try {
			// "5" resets the peak RSS (VmHWM) to the current RSS
			Files.writeString(CLEAR_REFS, "5");
		}
		catch (IOException | RuntimeException ex) {
			// not on Linux, or not allowed: the peak is then the process's
		}
	}

	/** Peak heap used since the last reset, in MB. */
	double peakHeapMb() {
		return heapPools().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0);
	}

	/** Peak RSS since the last reset, in MB, or NaN where /proc is missing. */
	double peakRssMb() {
		return status("VmHWM:");
	}

	double rssMb() {
		return status("VmRSS:");
	}

	double maxHeapMb() {
		return Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
	}

	private static java.util.stream.Stream<MemoryPoolMXBean> heapPools() {
		return ManagementFactory.getMemoryPoolMXBeans().stream().filter((pool) -> pool.getType() == MemoryType.HEAP);
	}

	private static double status(String field) {
		try {
			for (String line : Files.readAllLines(STATUS)) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.substring(field.length()).replace("kB", "").trim()) / 1024.0;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not on Linux
		}
		return Double.NaN;
	}

}
