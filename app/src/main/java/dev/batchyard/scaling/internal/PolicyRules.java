package dev.batchyard.scaling.internal;

import dev.batchyard.scaling.InvalidScalingPolicyException;
import dev.batchyard.scaling.InvalidScalingPolicyException.Rule;
import dev.batchyard.scaling.ScalingPolicy;
import dev.batchyard.scaling.ScalingPolicy.Thresholds;

/**
 * The rules every effective policy keeps: at least 1 worker, a max above the min and at
 * most 50, depths above 0, latencies of at least 1000 ms, percentages within 0..100,
 * cooldowns of at least 10 s.
 *
 * @author Batchyard
 */
final class PolicyRules {

	/** The most workers one queue may have in the cluster. */
	static final int SYSTEM_LIMIT = 50;

	private PolicyRules() {
	}

	static void check(ScalingPolicy policy) {
		if (policy.minWorkers() < 1) {
			throw refused(Rule.INVALID_WORKER_COUNT, "minWorkers",
					"minWorkers must be at least 1, not " + policy.minWorkers());
		}
		if (policy.maxWorkers() > SYSTEM_LIMIT) {
			throw refused(Rule.EXCEEDS_SYSTEM_LIMIT, "maxWorkers",
					"maxWorkers must be at most " + SYSTEM_LIMIT + " (the system limit), not " + policy.maxWorkers());
		}
		if (policy.maxWorkers() <= policy.minWorkers()) {
			throw refused(Rule.INVALID_WORKER_COUNT, "maxWorkers", "maxWorkers must be greater than minWorkers "
					+ policy.minWorkers() + ", not " + policy.maxWorkers());
		}
		check(policy.scaleUpThreshold(), "scaleUpThreshold");
		check(policy.scaleDownThreshold(), "scaleDownThreshold");
		checkCooldown(policy.cooldownSeconds().scaleUp(), "cooldownSeconds.scaleUp");
		checkCooldown(policy.cooldownSeconds().scaleDown(), "cooldownSeconds.scaleDown");
	}

	private static void check(Thresholds thresholds, String name) {
		if (thresholds.queueDepth() != null && thresholds.queueDepth() <= 0) {
			throw refused(Rule.INVALID_THRESHOLD, name + ".queueDepth",
					name + ".queueDepth must be more than 0, not " + thresholds.queueDepth());
		}
		if (thresholds.queueLatencyMs() != null && thresholds.queueLatencyMs() < 1000) {
			throw refused(Rule.INVALID_THRESHOLD, name + ".queueLatencyMs",
					name + ".queueLatencyMs must be at least 1000 ms, not " + thresholds.queueLatencyMs());
		}
		checkPercent(thresholds.cpuPercent(), name + ".cpuPercent");
		checkPercent(thresholds.memoryPercent(), name + ".memoryPercent");
	}

	private static void checkPercent(Double percent, String name) {
		if (percent != null && (percent.isNaN() || percent <= 0 || percent > 100)) {
			throw refused(Rule.INVALID_THRESHOLD, name, name + " must be more than 0 and at most 100, not " + percent);
		}
	}

	private static void checkCooldown(Integer seconds, String name) {
		if (seconds == null || seconds < 10) {
			throw refused(Rule.INVALID_COOLDOWN, name, name + " must be at least 10 seconds, not " + seconds);
		}
	}

	private static InvalidScalingPolicyException refused(Rule rule, String field, String message) {
		return new InvalidScalingPolicyException(rule, field, message);
	}

}
