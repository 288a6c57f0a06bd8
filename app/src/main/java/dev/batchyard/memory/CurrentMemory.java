package dev.batchyard.memory;

import dev.batchyard.monitoring.SystemHealth.MemoryStats;

/**
 * This node's last memory sample with its limits and where it stands.
 *
 * @param stats the sample (percentage: heap in use in % of the hard limit)
 * @param limits the limits
 * @param status where the heap in use stands against them
 * @author Batchyard
 */
public record CurrentMemory(MemoryStats stats, Limits limits, Status status) {

	/**
	 * @param softLimitMB heap in use below this is within limits
	 * @param hardLimitMB heap in use at this is critical
	 * @param warningThresholdPercent the warning threshold in % of the hard limit
	 */
	public record Limits(int softLimitMB, int hardLimitMB, int warningThresholdPercent) {

		/**
		 * Where a heap in use of {@code heapUsedMb} stands.
		 * @param heapUsedMb heap in use in MB
		 * @return its status
		 */
		public Status status(double heapUsedMb) {
			return new Status(heapUsedMb < this.softLimitMB,
					heapUsedMb * 100 >= (double) this.warningThresholdPercent * this.hardLimitMB,
					heapUsedMb >= this.hardLimitMB);
		}

	}

	/**
	 * @param withinLimits below the soft limit
	 * @param exceedsWarning at or over the warning threshold
	 * @param exceedsCritical at or over the hard limit
	 */
	public record Status(boolean withinLimits, boolean exceedsWarning, boolean exceedsCritical) {

	}

}
