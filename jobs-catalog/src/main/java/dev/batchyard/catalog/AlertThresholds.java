package dev.batchyard.catalog;

/**
 * A queue's own alert thresholds, one {@link AlertThreshold} per alert type; a
 * {@code null} threshold, or a {@code null} value in one, is not set here and comes from
 * a less specific layer (in the end monitoring's common thresholds).
 *
 * @param queueDepth waiting jobs
 * @param errorRate percent of finished attempts that failed
 * @param timeoutRate percent of finished attempts that timed out
 * @param processingTime ms: the warning applies to p95, the critical one to p99
 * @param memoryUsage MB
 * @author Batchyard
 */
public record AlertThresholds(AlertThreshold queueDepth, AlertThreshold errorRate, AlertThreshold timeoutRate,
		AlertThreshold processingTime, AlertThreshold memoryUsage) {

	/** Nothing set. */
	public static final AlertThresholds NONE = new AlertThresholds(null, null, null, null, null);

	/**
	 * These thresholds, their unset values taken from another set.
	 * @param lower the thresholds of a less specific layer
	 * @return the merged thresholds
	 */
	public AlertThresholds over(AlertThresholds lower) {
		if (lower == null) {
			return this;
		}
		return new AlertThresholds(merge(this.queueDepth, lower.queueDepth), merge(this.errorRate, lower.errorRate),
				merge(this.timeoutRate, lower.timeoutRate), merge(this.processingTime, lower.processingTime),
				merge(this.memoryUsage, lower.memoryUsage));
	}

	private static AlertThreshold merge(AlertThreshold own, AlertThreshold lower) {
		return (own != null) ? own.over(lower) : lower;
	}

}
