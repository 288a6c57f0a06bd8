package dev.batchyard.monitoring;

/**
 * A queue's health: {@link #CRITICAL} when a critical threshold is reached,
 * {@link #WARNING} when a warning one is, {@link #HEALTHY} otherwise.
 *
 * @author Batchyard
 */
public enum HealthStatus {

	HEALTHY, WARNING, CRITICAL

}
