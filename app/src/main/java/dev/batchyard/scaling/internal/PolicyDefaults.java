package dev.batchyard.scaling.internal;

import java.util.Locale;
import java.util.Map;

import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.catalog.Tier;
import dev.batchyard.scaling.ScalingPolicy;
import dev.batchyard.scaling.ScalingPolicy.Cooldowns;
import dev.batchyard.scaling.ScalingPolicy.Thresholds;
import dev.batchyard.scaling.ScalingProperties;

/**
 * A queue's policy before admin changes: min and max workers from the catalog, thresholds
 * and cooldowns from its tier, then {@code batchyard.scaling.tiers.<tier>}, then
 * {@code batchyard.scaling.queues.<queue>}.
 * <p>
 * The built-in tiers: CRITICAL up at depth 50 or 10 s, down at 5 and 2 s; HIGH 100 / 30 s
 * and 10 / 5 s; NORMAL 200 / 60 s and 20 / 10 s; LOW 300 / 120 s and 30 / 30 s;
 * BACKGROUND 500 / 300 s and 50 / 60 s. Cooldowns 60 s up and 300 s down; no CPU or
 * memory threshold.
 *
 * @author Batchyard
 */
final class PolicyDefaults {

	private static final Cooldowns COOLDOWNS = new Cooldowns(60, 300);

	private static final Map<Tier, Thresholds[]> TIERS = Map.of(Tier.CRITICAL, pair(50, 10_000, 5, 2_000), Tier.HIGH,
			pair(100, 30_000, 10, 5_000), Tier.NORMAL, pair(200, 60_000, 20, 10_000), Tier.LOW,
			pair(300, 120_000, 30, 30_000), Tier.BACKGROUND, pair(500, 300_000, 50, 60_000));

	private final ScalingProperties properties;

	PolicyDefaults(ScalingProperties properties) {
		this.properties = properties;
	}

	ScalingPolicy of(QueueDefinition queue) {
		Thresholds[] tier = TIERS.get(queue.tier());
		ScalingPolicy policy = new ScalingPolicy(queue.name(), queue.minWorkers(), queue.maxWorkers(), tier[0], tier[1],
				COOLDOWNS);
		policy = apply(policy, this.properties.tiers().get(queue.tier().name().toLowerCase(Locale.ROOT)));
		return apply(policy, this.properties.queues().get(queue.name()));
	}

	private static ScalingPolicy apply(ScalingPolicy policy, ScalingProperties.Overrides overrides) {
		if (overrides == null) {
			return policy;
		}
		return new ScalingPolicy(policy.queueName(), policy.minWorkers(), policy.maxWorkers(),
				policy.scaleUpThreshold().with(overrides.scaleUpThreshold()),
				policy.scaleDownThreshold().with(overrides.scaleDownThreshold()),
				policy.cooldownSeconds().with(overrides.cooldownSeconds()));
	}

	private static Thresholds[] pair(int upDepth, long upLatencyMs, int downDepth, long downLatencyMs) {
		return new Thresholds[] { new Thresholds(upDepth, upLatencyMs, null, null),
				new Thresholds(downDepth, downLatencyMs, null, null) };
	}

}
