package dev.batchyard.scaling;

import java.time.Instant;

/**
 * The figures a scaling decision was made on.
 *
 * @param queueName the queue
 * @param queueDepth jobs waiting, cluster-wide
 * @param queueLatencyMs how long the oldest ready job has waited
 * @param activeJobs jobs running, cluster-wide
 * @param completedRate jobs finished per minute over monitoring's rate window
 * @param errorRate failed attempts in percent of finished attempts over that window
 * @param currentWorkers the queue's workers on every live node
 * @param cpuUsage the deciding node's CPU use in percent, or {@code null} if the JVM does
 * not report it
 * @param memoryUsage the deciding node's heap use in percent of its maximum
 * @param timestamp when the figures were taken
 * @author Batchyard
 */
public record ScalingMetrics(String queueName, long queueDepth, long queueLatencyMs, long activeJobs,
		double completedRate, double errorRate, int currentWorkers, Double cpuUsage, Double memoryUsage,
		Instant timestamp) {

}
