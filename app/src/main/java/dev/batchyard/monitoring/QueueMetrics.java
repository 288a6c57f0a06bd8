package dev.batchyard.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * One queue's metrics across the cluster.
 *
 * @param queueName the queue
 * @param waiting jobs waiting to run
 * @param active jobs running
 * @param delayed jobs waiting for their runAt (a retry's backoff, a closed limiter)
 * @param failed jobs that failed for good (attempts used up)
 * @param completed completed jobs still kept (retention deletes old ones)
 * @param jobsPerMinute jobs finished (completed or failed for good) per minute over the
 * rate window
 * @param errorRate failed attempts in percent of finished attempts over the rate window
 * @param timeoutRate timed-out attempts in percent of finished attempts over the rate
 * window
 * @param avgProcessingTimeMs average attempt duration (the limits feature's histograms,
 * last 15 minutes)
 * @param p50ProcessingTimeMs median attempt duration
 * @param p95ProcessingTimeMs 95th percentile
 * @param p99ProcessingTimeMs 99th percentile
 * @param oldestWaitingMs how long the oldest ready job has waited: the queue's latency
 * @param memoryUsageMB the queue's workers' memory (0 until the memory feature fills it)
 * @param memoryPercentage the same in percent of the budget (0 until then)
 * @param poolSize workers of the queue on every node
 * @param busyWorkers of which running a job
 * @param workers the queue's pool on each node (empty in the history)
 * @param timestamp when the figures were taken
 * @author Batchyard
 */
public record QueueMetrics(String queueName, long waiting, long active, long delayed, long failed, long completed,
		double jobsPerMinute, double errorRate, double timeoutRate, double avgProcessingTimeMs,
		double p50ProcessingTimeMs, double p95ProcessingTimeMs, double p99ProcessingTimeMs, long oldestWaitingMs,
		double memoryUsageMB, double memoryPercentage, int poolSize, int busyWorkers, List<WorkerLoad> workers,
		Instant timestamp) {
}
