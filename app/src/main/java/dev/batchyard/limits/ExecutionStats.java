package dev.batchyard.limits;

import java.util.List;

/**
 * How long a queue's attempts took, across the cluster, over the recent window (see
 * {@link Timeouts}). Durations are in milliseconds; the percentiles, min and max come
 * from a merged HdrHistogram of two significant digits (within 1 % of the exact value).
 * With no sample, the figures are {@code null}.
 *
 * @param queueName the queue
 * @param sampleCount the attempts counted in the window
 * @param min the shortest
 * @param max the longest
 * @param avg the mean
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param recentExecutions the durations of the queue's last 100 completed jobs, newest
 * first
 * @author Batchyard
 */
public record ExecutionStats(String queueName, long sampleCount, Long min, Long max, Double avg, Long p50, Long p95,
		Long p99, List<Long> recentExecutions) {

	public ExecutionStats {
		recentExecutions = List.copyOf(recentExecutions);
	}

}
