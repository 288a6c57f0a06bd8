package dev.batchyard.catalog;

/**
 * One alert type's two thresholds for a queue; a metric reaches a threshold when it is at
 * least the threshold.
 *
 * @param warning the warning threshold, or {@code null} when not set here
 * @param critical the critical threshold, or {@code null} when not set here
 * @author Batchyard
 */
public record AlertThreshold(Double warning, Double critical) {

	/**
	 * This threshold, its unset values taken from another.
	 * @param lower the threshold of a less specific layer
	 * @return the merged threshold
	 */
	public AlertThreshold over(AlertThreshold lower) {
		if (lower == null) {
			return this;
		}
		return new AlertThreshold((this.warning != null) ? this.warning : lower.warning,
				(this.critical != null) ? this.critical : lower.critical);
	}

}
