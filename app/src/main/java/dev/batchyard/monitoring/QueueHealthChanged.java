package dev.batchyard.monitoring;

/**
 * A queue's health status changed at a monitoring run. Published as a Spring application
 * event by the node that ran it.
 *
 * @param health the queue's health now
 * @param previous its status before
 * @author Batchyard
 */
public record QueueHealthChanged(QueueHealth health, HealthStatus previous) {
}
