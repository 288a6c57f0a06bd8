package dev.batchyard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU time used so far by this JVM (the node under test runs in it) and by the embedded
 * PostgreSQL's processes. Per job, these are steadier than a rate on these shared
 * machines: a drain's jobs/s moves by a third from run to run, its CPU per job much less.
 *
 * @author Batchyard
 */
final class CpuTime {

	private static final Path PROC = Path.of("/proc");

	/** This JVM's CPU time, in microseconds. */
	static long jvmMicros() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000;
	}

	/**
	 * The CPU time of this JVM's live threads whose names start with {@code prefix}, in
	 * microseconds: the bench's own clients, to take out of {@link #jvmMicros()}.
	 */
	static long threadsMicros(String prefix) {
		java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long nanos = 0;
		for (java.lang.management.ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (thread != null && thread.getThreadName().startsWith(prefix)) {
				nanos += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
			}
		}
		return nanos / 1_000;
	}

	/**
	 * The CPU time of every {@code postgres} process on the machine (the bench's embedded
	 * server is the only one it expects), in microseconds, or -1 where /proc is missing.
	 */
	static long postgresMicros() {
		long ticksPerSecond = 100;
		try (Stream<Path> processes = Files.list(PROC)) {
			return processes.filter((path) -> path.getFileName().toString().chars().allMatch(Character::isDigit))
				.mapToLong((path) -> postgresTicks(path.resolve("stat")))
				.sum() * 1_000_000 / ticksPerSecond;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** utime + stime of a process named postgres, in clock ticks; 0 for any other. */
	private static long postgresTicks(Path stat) {
		try {
			String line = Files.readString(stat);
			int open = line.indexOf('(');
			int close = line.lastIndexOf(')');
			if (open < 0 || close < 0 || !line.substring(open + 1, close).equals("postgres")) {
				return 0;
			}
			// after the name: state is field 3, utime field 14 and stime field 15
			String[] fields = line.substring(close + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			// the process ended while it was read
			return 0;
		}
	}

	private CpuTime() {
	}

}
