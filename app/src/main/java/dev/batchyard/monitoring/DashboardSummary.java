package dev.batchyard.monitoring;

import java.time.Instant;

/**
 * The figures of the dashboard's cards, across every queue.
 *
 * @param totalQueues queues
 * @param healthyQueues of which healthy
 * @param warningQueues of which WARNING
 * @param criticalQueues of which CRITICAL
 * @param totalWaiting waiting jobs
 * @param totalActive running jobs
 * @param totalFailed jobs failed for good
 * @param activeAlerts alerts not resolved
 * @param avgJobsPerMinute jobs finished per minute, averaged over the queues
 * @param avgErrorRate error rate in percent, averaged over the queues that finished work
 * @param timestamp when
 * @author Batchyard
 */
public record DashboardSummary(int totalQueues, int healthyQueues, int warningQueues, int criticalQueues,
		long totalWaiting, long totalActive, long totalFailed, int activeAlerts, double avgJobsPerMinute,
		double avgErrorRate, Instant timestamp) {
}
