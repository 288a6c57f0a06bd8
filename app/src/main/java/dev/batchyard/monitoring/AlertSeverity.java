package dev.batchyard.monitoring;

/**
 * How bad an alert is. A {@link #WARNING} escalates to {@link #CRITICAL} in place.
 *
 * @author Batchyard
 */
public enum AlertSeverity {

	WARNING, CRITICAL;

	/** Whether this severity is at least {@code other}. */
	public boolean atLeast(AlertSeverity other) {
		return compareTo(other) >= 0;
	}

}
