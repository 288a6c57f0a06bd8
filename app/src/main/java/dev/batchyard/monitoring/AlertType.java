package dev.batchyard.monitoring;

/**
 * What an alert watches. Each compares one queue metric with its warning and critical
 * thresholds.
 *
 * @author Batchyard
 */
public enum AlertType {

	/** Waiting jobs. */
	QUEUE_DEPTH("Queue depth", ""),
	/** Failed attempts in percent of finished attempts over the rate window. */
	ERROR_RATE("Error rate", "%"),
	/** Timed-out attempts in percent of finished attempts over the rate window. */
	TIMEOUT_RATE("Timeout rate", "%"),
	/**
	 * Processing time: p95 against the warning threshold, p99 against the critical one.
	 */
	PROCESSING_TIME("Processing time", " ms"),
	/**
	 * Memory: raised per node by the memory feature (no queue; see
	 * {@link Monitoring#memoryUsage}); the per-queue figure it would compare is 0 until
	 * queues' memory is measured.
	 */
	MEMORY_USAGE("Memory usage", " MB");

	private final String label;

	private final String unit;

	AlertType(String label, String unit) {
		this.label = label;
		this.unit = unit;
	}

	/** The metric's name for people, e.g. "Queue depth". */
	public String label() {
		return this.label;
	}

	/** The unit a value is written with, e.g. "%" (may be empty). */
	public String unit() {
		return this.unit;
	}

}
