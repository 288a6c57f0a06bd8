package dev.batchyard.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * A queue's health and the reasons for it.
 *
 * @param queueName the queue
 * @param healthy whether the status is {@link HealthStatus#HEALTHY}
 * @param status the status
 * @param issues one sentence per threshold reached, e.g. "Queue depth: 215 >= 200"
 * @param metrics the metrics it was judged on
 * @param timestamp when
 * @author Batchyard
 */
public record QueueHealth(String queueName, boolean healthy, HealthStatus status, List<String> issues,
		QueueMetrics metrics, Instant timestamp) {
}
