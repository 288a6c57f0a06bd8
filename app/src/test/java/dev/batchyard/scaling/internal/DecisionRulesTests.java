package dev.batchyard.scaling.internal;

import java.time.Instant;

import dev.batchyard.scaling.ScalingAction;
import dev.batchyard.scaling.ScalingDecision;
import dev.batchyard.scaling.ScalingMetrics;
import dev.batchyard.scaling.ScalingPolicy;
import dev.batchyard.scaling.ScalingPolicy.Cooldowns;
import dev.batchyard.scaling.ScalingPolicy.Thresholds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision rules on figures of the test's own: a HIGH queue's policy (up at depth 100
 * or 30 s, down at 10 and 5 s), 1 to 10 workers, cooldowns 60 s up and 300 s down.
 */
class DecisionRulesTests {

	private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

	private static final ScalingPolicy POLICY = new ScalingPolicy("email-campaigns", 1, 10,
			new Thresholds(100, 30_000L, 90.0, 90.0), new Thresholds(10, 5_000L, null, null), new Cooldowns(60, 300));

	private static final DecisionRules.Signals CLEAR = new DecisionRules.Signals(null, 5.0, null, null);

	@Test
	void aQueueShrunkAMomentAgoStillGrowsAtOnceButOneJustGrownIsNotShrunk() {
		Instant shrunk = NOW.minusSeconds(5);
		Instant grown = NOW.minusSeconds(100);

		ScalingDecision up = DecisionRules.decide(POLICY, metrics(500, 1_000, 2),
				new DecisionRules.Signals(null, 5.0, grown, shrunk), NOW);
		ScalingDecision down = DecisionRules.decide(POLICY, metrics(0, 0, 6),
				new DecisionRules.Signals(null, 5.0, grown, grown), NOW);

		assertThat(up.action()).isEqualTo(ScalingAction.SCALE_UP);
		assertThat(down.action()).isEqualTo(ScalingAction.MAINTAIN);
		assertThat(down.cooldownRemainingSeconds()).isEqualTo(200);
	}

	@Test
	void aQueuePastItsDepthScalesUpByAStepThatGrowsWithHowFarPastItIs() {
		ScalingDecision little = decide(metrics(110, 1_000, 2), CLEAR);
		ScalingDecision far = decide(metrics(400, 1_000, 2), CLEAR);
		ScalingDecision burst = decide(metrics(5_000, 1_000, 2), CLEAR);

		assertThat(little.action()).isEqualTo(ScalingAction.SCALE_UP);
		assertThat(little.reason()).isEqualTo("Queue depth: 110 >= 100");
		assertThat(little.targetWorkers()).isEqualTo(3);
		assertThat(far.targetWorkers()).as("4 times past: 4 times the workers").isEqualTo(8);
		assertThat(burst.targetWorkers()).as("never past max").isEqualTo(10);
		assertThat(burst.cooldownRemainingSeconds()).isZero();
	}

	@Test
	void aQueueWhoseOldestJobWaitedTooLongScalesUpAndSaysSo() {
		ScalingDecision decision = decide(metrics(20, 45_000, 4), CLEAR);

		assertThat(decision.action()).isEqualTo(ScalingAction.SCALE_UP);
		assertThat(decision.reason()).isEqualTo("Queue latency: 45000 ms >= 30000 ms");
		assertThat(decision.targetWorkers()).isEqualTo(6);
	}

	@Test
	void duringTheCooldownNothingChangesAndTheRemainingTimeCountsDown() {
		Instant changed = NOW.minusSeconds(18);

		ScalingDecision first = DecisionRules.decide(POLICY, metrics(500, 1_000, 2),
				new DecisionRules.Signals(null, 5.0, changed, changed), NOW);
		ScalingDecision later = DecisionRules.decide(POLICY, metrics(500, 1_000, 2),
				new DecisionRules.Signals(null, 5.0, changed, changed), NOW.plusSeconds(30));
		ScalingDecision after = DecisionRules.decide(POLICY, metrics(500, 1_000, 2),
				new DecisionRules.Signals(null, 5.0, changed, changed), NOW.plusSeconds(43));

		assertThat(first.action()).isEqualTo(ScalingAction.MAINTAIN);
		assertThat(first.targetWorkers()).isEqualTo(2);
		assertThat(first.cooldownRemainingSeconds()).isEqualTo(42);
		assertThat(first.reason()).isEqualTo("Queue depth: 500 >= 100, but the scale-up cooldown has 42 s left");
		assertThat(later.cooldownRemainingSeconds()).isEqualTo(12);
		assertThat(after.action()).isEqualTo(ScalingAction.SCALE_UP);
		assertThat(after.cooldownRemainingSeconds()).isZero();
	}

	@Test
	void aQueueWhoseRateLimiterDeniesDoesNotScaleUp() {
		ScalingDecision decision = decide(metrics(500, 1_000, 2), new DecisionRules.Signals(
				"its rate limiter emailSending is denying permits (per minute 300/300 used)", 5.0, null, null));

		assertThat(decision.action()).isEqualTo(ScalingAction.MAINTAIN);
		assertThat(decision.targetWorkers()).isEqualTo(2);
		assertThat(decision.reason()).isEqualTo("Queue depth: 500 >= 100, but its rate limiter emailSending is"
				+ " denying permits (per minute 300/300 used): more workers would only wait on it");
	}

	@Test
	void aFailingQueueDoesNotScaleUp() {
		ScalingMetrics failing = new ScalingMetrics("email-campaigns", 500, 1_000, 2, 30, 23.0, 2, 10.0, 40.0, NOW);

		ScalingDecision decision = decide(failing, CLEAR);

		assertThat(decision.action()).isEqualTo(ScalingAction.MAINTAIN);
		assertThat(decision.reason()).isEqualTo("Queue depth: 500 >= 100, but its error rate 23.0% >= 5.0% (its alert"
				+ " threshold): the dependency is failing, more workers would fail faster");
	}

	@Test
	void aNodeAtItsCpuCeilingAddsNoWorkersAndAQueueAtMaxStays() {
		ScalingMetrics busyNode = new ScalingMetrics("email-campaigns", 500, 1_000, 2, 30, 0, 2, 95.0, 40.0, NOW);

		assertThat(decide(busyNode, CLEAR).reason()).isEqualTo("Queue depth: 500 >= 100, but node CPU 95.0% >= 90.0%");
		assertThat(decide(metrics(500, 1_000, 10), CLEAR).reason())
			.isEqualTo("Queue depth: 500 >= 100, but it is at max workers 10");
	}

	@Test
	void aDrainedQueueGoesBackToMinOncePastTheScaleDownCooldown() {
		Instant changed = NOW.minusSeconds(100);

		ScalingDecision cooling = DecisionRules.decide(POLICY, metrics(0, 0, 8),
				new DecisionRules.Signals(null, 5.0, changed, changed), NOW);
		ScalingDecision past = DecisionRules.decide(POLICY, metrics(0, 0, 8),
				new DecisionRules.Signals(null, 5.0, changed, changed), NOW.plusSeconds(200));

		assertThat(cooling.action()).isEqualTo(ScalingAction.MAINTAIN);
		assertThat(cooling.cooldownRemainingSeconds()).isEqualTo(200);
		assertThat(past.action()).isEqualTo(ScalingAction.SCALE_DOWN);
		assertThat(past.targetWorkers()).isEqualTo(1);
		assertThat(past.reason()).isEqualTo("Queue depth: 0 <= 10 and latency: 0 ms <= 5000 ms");
	}

	@Test
	void aQuietQueueWithSomeWorkLeftShedsWorkersGradually() {
		ScalingDecision decision = decide(metrics(4, 1_000, 8), CLEAR);

		assertThat(decision.action()).isEqualTo(ScalingAction.SCALE_DOWN);
		assertThat(decision.targetWorkers()).isEqualTo(4);
	}

	@Test
	void aQueueBetweenItsThresholdsStaysAndAPoolOutsideTheRangeComesBackAtOnce() {
		ScalingDecision within = decide(metrics(50, 1_000, 3), CLEAR);

		assertThat(within.action()).isEqualTo(ScalingAction.MAINTAIN);
		assertThat(within.reason()).startsWith("Within thresholds: depth 50 (up at 100, down at 10)");
		assertThat(decide(metrics(0, 0, 14), CLEAR).targetWorkers()).isEqualTo(10);
		assertThat(decide(metrics(0, 0, 0), CLEAR).targetWorkers()).isEqualTo(1);
	}

	private static ScalingDecision decide(ScalingMetrics metrics, DecisionRules.Signals signals) {
		return DecisionRules.decide(POLICY, metrics, signals, NOW);
	}

	private static ScalingMetrics metrics(long depth, long latencyMs, int workers) {
		return new ScalingMetrics("email-campaigns", depth, latencyMs, workers, 60, 0.5, workers, 20.0, 40.0, NOW);
	}

}
