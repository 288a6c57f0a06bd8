package dev.batchyard.scaling.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.batchyard.scaling.ScalingAction;
import dev.batchyard.scaling.ScalingDecision;
import dev.batchyard.scaling.ScalingMetrics;
import dev.batchyard.scaling.ScalingPolicy;
import dev.batchyard.scaling.ScalingPolicy.Thresholds;

/**
 * The decision for one queue, from its policy, its figures and what stands in the way; a
 * pure function, so that every rule is tested with figures and a clock of the test's own.
 * <ul>
 * <li>Out of the policy's range: back to min or max at once.</li>
 * <li>At or past a scale-up threshold (depth or latency): up by a step that grows with
 * how far past it is, {@code current × √(ratio)} (depth 400 at a threshold of 100 doubles
 * the workers), at least one, at most max. Not when it is at max, in its scale-up
 * cooldown, when its rate limiter is denying permits (more workers would only wait on
 * it), when its error rate is at or past its alert threshold (the dependency is failing:
 * more workers would fail faster), or when the node is at or past the CPU or memory
 * ceiling.</li>
 * <li>At or under both scale-down thresholds, or the node at or past a scale-down CPU or
 * memory figure: down, straight to min when nothing waits, else to {@code current × the
 * larger of depth/threshold, latency/threshold and 1/2}, at least one fewer; not in its
 * scale-down cooldown.</li>
 * </ul>
 * The scale-up cooldown runs from the queue's last scale-up, so that a queue shrunk a
 * moment ago still grows at once when a burst comes; the scale-down cooldown runs from
 * its last change in either direction, so that workers just added are not taken away
 * before they have had a chance to work.
 *
 * @author Batchyard
 */
final class DecisionRules {

	private DecisionRules() {
	}

	/**
	 * What stands in the way of more workers, besides the policy.
	 *
	 * @param deniedBy a sentence naming the rate limiter denying the queue's permits, or
	 * {@code null}
	 * @param errorRateThreshold the queue's error rate alert threshold in percent
	 * @param lastScaleUp when the queue's target last grew, or {@code null}
	 * @param lastChange when the queue's target last changed, or {@code null}
	 */
	record Signals(String deniedBy, double errorRateThreshold, Instant lastScaleUp, Instant lastChange) {

	}

	static ScalingDecision decide(ScalingPolicy policy, ScalingMetrics metrics, Signals signals, Instant now) {
		int current = metrics.currentWorkers();
		long upLeft = remaining(signals.lastScaleUp(), policy.cooldownSeconds().scaleUp(), now);
		long downLeft = remaining(signals.lastChange(), policy.cooldownSeconds().scaleDown(), now);
		if (current < policy.minWorkers()) {
			return decision(metrics, ScalingAction.SCALE_UP, policy.minWorkers(),
					"Below min workers: " + current + " < " + policy.minWorkers(), 0);
		}
		if (current > policy.maxWorkers()) {
			return decision(metrics, ScalingAction.SCALE_DOWN, policy.maxWorkers(),
					"Above max workers: " + current + " > " + policy.maxWorkers(), 0);
		}
		Past up = pastUp(policy.scaleUpThreshold(), metrics);
		if (up != null) {
			return scaleUp(policy, metrics, signals, up, upLeft);
		}
		String down = downReason(policy.scaleDownThreshold(), metrics);
		if (down != null && current > policy.minWorkers()) {
			if (downLeft > 0) {
				return decision(metrics, ScalingAction.MAINTAIN, current,
						down + ", but the scale-down cooldown has " + downLeft + " s left", downLeft);
			}
			return decision(metrics, ScalingAction.SCALE_DOWN, downTarget(policy, metrics), down, 0);
		}
		return decision(metrics, ScalingAction.MAINTAIN, current, within(policy, metrics), upLeft);
	}

	private static ScalingDecision scaleUp(ScalingPolicy policy, ScalingMetrics metrics, Signals signals, Past up,
			long upLeft) {
		int current = metrics.currentWorkers();
		String blocked = upBlocked(policy, metrics, signals);
		if (blocked != null) {
			return decision(metrics, ScalingAction.MAINTAIN, current, up.reason() + ", but " + blocked, upLeft);
		}
		if (upLeft > 0) {
			return decision(metrics, ScalingAction.MAINTAIN, current,
					up.reason() + ", but the scale-up cooldown has " + upLeft + " s left", upLeft);
		}
		int step = (int) Math.ceil(current * up.ratio());
		int target = Math.min(policy.maxWorkers(), Math.max(current + 1, step));
		return decision(metrics, ScalingAction.SCALE_UP, target, up.reason(), 0);
	}

	private static String upBlocked(ScalingPolicy policy, ScalingMetrics metrics, Signals signals) {
		if (metrics.currentWorkers() >= policy.maxWorkers()) {
			return "it is at max workers " + policy.maxWorkers();
		}
		if (signals.deniedBy() != null) {
			return signals.deniedBy() + ": more workers would only wait on it";
		}
		if (metrics.errorRate() >= signals.errorRateThreshold()) {
			return "its error rate " + percent(metrics.errorRate()) + " >= " + percent(signals.errorRateThreshold())
					+ " (its alert threshold): the dependency is failing, more workers would fail faster";
		}
		Thresholds ceiling = policy.scaleUpThreshold();
		if (atOrPast(metrics.cpuUsage(), ceiling.cpuPercent())) {
			return "node CPU " + percent(metrics.cpuUsage()) + " >= " + percent(ceiling.cpuPercent());
		}
		if (atOrPast(metrics.memoryUsage(), ceiling.memoryPercent())) {
			return "node memory " + percent(metrics.memoryUsage()) + " >= " + percent(ceiling.memoryPercent());
		}
		return null;
	}

	/**
	 * How far past its scale-up thresholds a queue is, or {@code null} when it is not.
	 */
	private static Past pastUp(Thresholds up, ScalingMetrics metrics) {
		double depth = ratio(metrics.queueDepth(), up.queueDepth());
		double latency = ratio(metrics.queueLatencyMs(), up.queueLatencyMs());
		if (Math.max(depth, latency) < 1) {
			return null;
		}
		return (depth >= latency) ? new Past("Queue depth: " + metrics.queueDepth() + " >= " + up.queueDepth(), depth)
				: new Past("Queue latency: " + metrics.queueLatencyMs() + " ms >= " + up.queueLatencyMs() + " ms",
						latency);
	}

	private static String downReason(Thresholds down, ScalingMetrics metrics) {
		if (atOrPast(metrics.cpuUsage(), down.cpuPercent())) {
			return "Node CPU: " + percent(metrics.cpuUsage()) + " >= " + percent(down.cpuPercent());
		}
		if (atOrPast(metrics.memoryUsage(), down.memoryPercent())) {
			return "Node memory: " + percent(metrics.memoryUsage()) + " >= " + percent(down.memoryPercent());
		}
		if (down.queueDepth() == null && down.queueLatencyMs() == null) {
			return null;
		}
		boolean depth = down.queueDepth() == null || metrics.queueDepth() <= down.queueDepth();
		boolean latency = down.queueLatencyMs() == null || metrics.queueLatencyMs() <= down.queueLatencyMs();
		if (!depth || !latency) {
			return null;
		}
		return "Queue depth: " + metrics.queueDepth() + " <= " + down.queueDepth() + " and latency: "
				+ metrics.queueLatencyMs() + " ms <= " + down.queueLatencyMs() + " ms";
	}

	private static int downTarget(ScalingPolicy policy, ScalingMetrics metrics) {
		int current = metrics.currentWorkers();
		if (metrics.queueDepth() == 0) {
			return policy.minWorkers();
		}
		Thresholds down = policy.scaleDownThreshold();
		double load = Math.max(0.5, Math.min(1, Math.max(ratio(metrics.queueDepth(), down.queueDepth()),
				ratio(metrics.queueLatencyMs(), down.queueLatencyMs()))));
		int target = Math.min(current - 1, (int) Math.ceil(current * load));
		return Math.max(policy.minWorkers(), target);
	}

	private static String within(ScalingPolicy policy, ScalingMetrics metrics) {
		return "Within thresholds: depth " + metrics.queueDepth() + " (up at " + policy.scaleUpThreshold().queueDepth()
				+ ", down at " + policy.scaleDownThreshold().queueDepth() + "), latency " + metrics.queueLatencyMs()
				+ " ms, " + metrics.currentWorkers() + " workers (" + policy.minWorkers() + ".." + policy.maxWorkers()
				+ ")";
	}

	private static long remaining(Instant lastChange, Integer cooldownSeconds, Instant now) {
		if (lastChange == null || cooldownSeconds == null) {
			return 0;
		}
		long left = Duration.between(now, lastChange.plusSeconds(cooldownSeconds)).toMillis();
		return (left <= 0) ? 0 : (left + 999) / 1000;
	}

	private static double ratio(double value, Number threshold) {
		return (threshold == null || threshold.doubleValue() <= 0) ? 0 : value / threshold.doubleValue();
	}

	private static boolean atOrPast(Double value, Double threshold) {
		return value != null && threshold != null && value >= threshold;
	}

	private static String percent(Double value) {
		return String.format(Locale.ROOT, "%.1f%%", value);
	}

	private static ScalingDecision decision(ScalingMetrics metrics, ScalingAction action, int target, String reason,
			long cooldownLeft) {
		return new ScalingDecision(metrics.queueName(), action, target, metrics.currentWorkers(), reason, metrics,
				cooldownLeft, null);
	}

	private record Past(String reason, double ratio) {

	}

}
