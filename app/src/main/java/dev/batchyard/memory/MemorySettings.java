package dev.batchyard.memory;

import java.util.List;

/**
 * The memory configuration as the API shows it.
 *
 * @param worker a node's worker limits in MB and the warning threshold in %
 * @param jobSpecific each queue's job budget in MB, in catalog order: the one memory
 * admits by where declared, else the catalog's figure
 * @param recycling when a worker is due for recycling
 * @author Batchyard
 */
public record MemorySettings(Worker worker, List<QueueMemoryLimit> jobSpecific, Recycling recycling) {

	/**
	 * @param softLimit MB
	 * @param hardLimit MB
	 * @param warningThreshold % of the hard limit
	 */
	public record Worker(int softLimit, int hardLimit, int warningThreshold) {
	}

	/**
	 * @param queueName the queue
	 * @param limitMB the memory one of its jobs may use
	 */
	public record QueueMemoryLimit(String queueName, int limitMB) {
	}

	/**
	 * @param afterJobs jobs
	 * @param afterHours hours
	 */
	public record Recycling(int afterJobs, int afterHours) {
	}

}
