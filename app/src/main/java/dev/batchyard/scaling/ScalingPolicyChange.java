package dev.batchyard.scaling;

/**
 * A change to a queue's scaling policy: the values given replace the effective ones, the
 * {@code null} ones stay as they are.
 *
 * @param minWorkers the fewest workers
 * @param maxWorkers the most workers
 * @param scaleUpThreshold thresholds of the scale-up
 * @param scaleDownThreshold thresholds of the scale-down
 * @param cooldownSeconds cooldowns
 * @author Batchyard
 */
public record ScalingPolicyChange(Integer minWorkers, Integer maxWorkers, ScalingPolicy.Thresholds scaleUpThreshold,
		ScalingPolicy.Thresholds scaleDownThreshold, ScalingPolicy.Cooldowns cooldownSeconds) {

	/** No change. */
	public static final ScalingPolicyChange NONE = new ScalingPolicyChange(null, null, null, null, null);

}
