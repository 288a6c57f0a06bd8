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
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.memory")
public record MemoryProperties(@DefaultValue("10s") Duration sampleInterval, @DefaultValue("512") int softLimitMb,
		@DefaultValue("1024") int hardLimitMb, @DefaultValue("75") int warningThresholdPercent,
		@DefaultValue("true") boolean trackAllocations, @DefaultValue("1000") int recycleAfterJobs,
		@DefaultValue("4") int recycleAfterHours, Map<String, Integer> budgets) {

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
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
