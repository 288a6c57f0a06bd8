package dev.batchyard.memory;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Memory's knobs, bound from {@code batchyard.memory}.
 *
 * @param sampleInterval how often this node's memory is sampled (at least 100 ms)
 * @param softLimitMb heap in use below this is within limits
 * @param hardLimitMb heap in use at this is critical; the percentage is of this limit
 * @param warningThresholdPercent heap in use at this percentage of the hard limit is a
 * warning (1 to 100)
 * @param trackAllocations whether each attempt's allocation is measured (platform worker
 * threads only)
 * @param recycleAfterJobs a worker is due for recycling after this many jobs
 * @param recycleAfterHours a worker is due for recycling after this many hours
 * @param budgets the queues whose jobs are admitted by memory, with the MB one job of
 * each may use: a node starts one only while the budget fits its headroom, and a job
 * whose budget exceeds the hard limit is refused at enqueue; queues not named here are
 * not limited by memory
 * @param recycleGrace how long a graceful recycle lets a worker's running jobs finish
 * before it hands the rest back to waiting
 * @param recycleOnHardLimit whether a node over its hard limit recycles its workers (each
 * once per stretch over the limit)
 * @param exitOnHardLimit whether this node exits, with {@link #EXIT_CODE}, when its heap
 * in use after a full collection stays over the hard limit for
 * {@code exitOnHardLimitAfter}, so that its supervisor starts a fresh one
 * @param exitOnHardLimitAfter how long the heap after a full collection must stay over
 * the hard limit before the node exits
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.memory")
public record MemoryProperties(@DefaultValue("10s") Duration sampleInterval, @DefaultValue("512") int softLimitMb,
		@DefaultValue("1024") int hardLimitMb, @DefaultValue("75") int warningThresholdPercent,
		@DefaultValue("true") boolean trackAllocations, @DefaultValue("1000") int recycleAfterJobs,
		@DefaultValue("4") int recycleAfterHours, Map<String, Integer> budgets,
		@DefaultValue("30s") Duration recycleGrace, @DefaultValue("true") boolean recycleOnHardLimit,
		@DefaultValue("false") boolean exitOnHardLimit, @DefaultValue("60s") Duration exitOnHardLimitAfter) {

	/**
	 * The exit code of a node that exits over its hard limit: EX_TEMPFAIL of sysexits.h,
	 * a temporary failure that a supervisor should answer with a restart.
	 */
	public static final int EXIT_CODE = 75;

	public MemoryProperties {
		budgets = (budgets != null) ? Map.copyOf(budgets) : Map.of();
		budgets.forEach((queue, mb) -> require(mb != null && mb >= 1,
				"batchyard.memory.budgets." + queue + " must be at least 1 MB"));
		require(sampleInterval.toMillis() >= 100, "batchyard.memory.sample-interval must be at least 100ms");
		require(softLimitMb >= 1, "batchyard.memory.soft-limit-mb must be at least 1");
		require(hardLimitMb >= softLimitMb, "batchyard.memory.hard-limit-mb must be at least the soft limit");
		require(warningThresholdPercent >= 1 && warningThresholdPercent <= 100,
				"batchyard.memory.warning-threshold-percent must be between 1 and 100");
		require(recycleAfterJobs >= 1, "batchyard.memory.recycle-after-jobs must be at least 1");
		require(recycleAfterHours >= 1, "batchyard.memory.recycle-after-hours must be at least 1");
		require(!recycleGrace.isNegative(), "batchyard.memory.recycle-grace must not be negative");
		require(!exitOnHardLimitAfter.isNegative(), "batchyard.memory.exit-on-hard-limit-after must not be negative");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
