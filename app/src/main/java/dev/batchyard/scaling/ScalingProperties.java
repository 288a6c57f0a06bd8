package dev.batchyard.scaling;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scaling service's knobs, bound from {@code batchyard.scaling}. A queue's workers
 * (min and max) come from the catalog ({@code batchyard.catalog.queues.
 *
<q>.min-workers}); its thresholds and cooldowns from its tier, overridden here per tier
 * and per queue.
 *
 * @param enabled whether the service decides and resizes pools; off, every pool keeps the
 * size it starts with (the queue's concurrency)
 * @param interval how often the cluster decides for every queue (once per interval for
 * the whole cluster)
 * @param historyRetention how long executed decisions are kept
 * @param refreshInterval how often a node reads the targets and policies, so that a
 * decision or an admin's change reaches it within this time (at most 5 s)
 * @param maxWorkersPerNode the workers one node runs at most over all its queues: the
 * node-count gauge is the sum of the queues' targets over this
 * @param tiers thresholds and cooldowns per tier ({@code critical}, {@code high}, ...)
 * @param queues thresholds and cooldowns per queue, over its tier's
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.scaling")
public record ScalingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration interval,
		@DefaultValue("7d") Duration historyRetention, @DefaultValue("2s") Duration refreshInterval,
		@DefaultValue("200") int maxWorkersPerNode, Map<String, Overrides> tiers, Map<String, Overrides> queues) {

	public ScalingProperties {
		tiers = (tiers != null) ? Map.copyOf(tiers) : Map.of();
		queues = (queues != null) ? Map.copyOf(queues) : Map.of();
		if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("batchyard.scaling.interval must be at least 1s (was " + interval + ")");
		}
		if (refreshInterval.isNegative() || refreshInterval.isZero()
				|| refreshInterval.compareTo(Duration.ofSeconds(5)) > 0) {
			throw new IllegalArgumentException(
					"batchyard.scaling.refresh-interval must be more than 0 and at most 5s, so that a change reaches"
							+ " every node within 5 s (was " + refreshInterval + ")");
		}
		if (maxWorkersPerNode < 1) {
			throw new IllegalArgumentException(
					"batchyard.scaling.max-workers-per-node must be at least 1 (was " + maxWorkersPerNode + ")");
		}
	}

	/**
	 * Thresholds and cooldowns set in configuration; unset values come from the layer
	 * under.
	 *
	 * @param scaleUpThreshold scale-up thresholds
	 * @param scaleDownThreshold scale-down thresholds
	 * @param cooldownSeconds cooldowns
	 */
	public record Overrides(ScalingPolicy.Thresholds scaleUpThreshold, ScalingPolicy.Thresholds scaleDownThreshold,
			ScalingPolicy.Cooldowns cooldownSeconds) {

	}

}
