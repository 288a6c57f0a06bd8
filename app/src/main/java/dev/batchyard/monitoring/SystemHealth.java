package dev.batchyard.monitoring;

import java.time.Instant;

/**
 * The health of the whole system.
 *
 * @param timestamp when
 * @param healthy whether no queue is CRITICAL
 * @param queues the dashboard's figures
 * @param workers the worker pools of every node
 * @param memory this node's memory
 * @author Batchyard
 */
public record SystemHealth(Instant timestamp, boolean healthy, DashboardSummary queues, WorkerSummary workers,
		MemoryStats memory) {

	/**
	 * The worker pools of every node.
	 *
	 * @param totalWorkers workers of every queue on every node
	 * @param totalJobsProcessed jobs finished (completed or failed for good) still kept
	 * @param averageMemoryUsage 0 until the memory feature fills it
	 * @param workersNeedingRecycle 0 until the memory feature fills it
	 */
	public record WorkerSummary(int totalWorkers, long totalJobsProcessed, double averageMemoryUsage,
			int workersNeedingRecycle) {
	}

	/**
	 * This node's JVM memory in MB.
	 *
	 * @param heapUsed heap in use
	 * @param heapTotal heap reserved
	 * @param external memory outside the heap in use (direct and mapped buffers)
	 * @param rss the process's resident memory (0 where the platform does not say)
	 * @param arrayBuffers direct buffers
	 * @param percentage heap used in percent of the heap's maximum
	 * @param timestamp when
	 */
	public record MemoryStats(double heapUsed, double heapTotal, double external, double rss, double arrayBuffers,
			double percentage, Instant timestamp) {
	}

}
