package dev.batchyard.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.batchyard.monitoring.MonitoringProperties.QueueThresholds;
import dev.batchyard.monitoring.MonitoringProperties.Threshold;
import dev.batchyard.monitoring.MonitoringProperties.Thresholds;
import dev.batchyard.monitoring.internal.HealthRules;
import dev.batchyard.monitoring.internal.HealthRules.Condition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which thresholds a queue's metrics reach, the words of its issues, and how per-queue
 * thresholds inherit.
 */
class HealthRulesTests {

	private static final Thresholds DEFAULTS = new Thresholds(null, null, null, null, null);

	@Test
	void aQueueBelowEveryThresholdIsHealthy() {
		List<Condition> conditions = HealthRules.conditions(metrics(199, 4.99, 1.99, 119_999, 299_999), DEFAULTS);
		assertThat(conditions).isEmpty();
		assertThat(HealthRules.status(conditions)).isEqualTo(HealthStatus.HEALTHY);
	}

	@Test
	void reachingAWarningThresholdIsAWarningWithASentence() {
		List<Condition> conditions = HealthRules.conditions(metrics(215, 0, 0, 0, 0), DEFAULTS);
		assertThat(conditions).extracting(Condition::message).containsExactly("Queue depth: 215 >= 200");
		assertThat(HealthRules.status(conditions)).isEqualTo(HealthStatus.WARNING);
	}

	@Test
	void theMostSevereThresholdOfEachTypeCountsAndAnyCriticalMakesTheQueueCritical() {
		List<Condition> conditions = HealthRules.conditions(metrics(500, 7.5, 5, 130_000, 310_000), DEFAULTS);
		assertThat(conditions).extracting(Condition::message)
			.containsExactly("Queue depth: 500 >= 500", "Error rate: 7.50% >= 5%", "Timeout rate: 5% >= 5%",
					"Processing time p99: 310000 ms >= 300000 ms");
		assertThat(conditions).extracting(Condition::severity)
			.containsExactly(AlertSeverity.CRITICAL, AlertSeverity.WARNING, AlertSeverity.CRITICAL,
					AlertSeverity.CRITICAL);
		assertThat(HealthRules.status(conditions)).isEqualTo(HealthStatus.CRITICAL);
	}

	@Test
	void processingTimeWarnsOnP95() {
		List<Condition> conditions = HealthRules.conditions(metrics(0, 0, 0, 120_000, 200_000), DEFAULTS);
		assertThat(conditions).extracting(Condition::message)
			.containsExactly("Processing time p95: 120000 ms >= 120000 ms");
	}

	@Test
	void aQueuesOwnThresholdsBeatTheCommonOnesValueByValue() {
		Thresholds common = new Thresholds(null, new Threshold(2.0, null), null, null, null);
		MonitoringProperties properties = properties(common,
				Map.of("search-reindex", new QueueThresholds(new Threshold(null, 800.0), null, null, null, null)));
		Thresholds reindex = properties.thresholdsOf("search-reindex");
		assertThat(reindex.queueDepth()).isEqualTo(new Threshold(200.0, 800.0));
		assertThat(reindex.errorRate()).isEqualTo(new Threshold(2.0, 10.0));
		assertThat(properties.thresholdsOf("default").queueDepth()).isEqualTo(new Threshold(200.0, 500.0));
	}

	@Test
	void aWarningAboveItsCriticalFailsTheBootWithThePropertyName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(new Thresholds(new Threshold(600.0, null), null, null, null, null), Map.of()))
			.withMessage("batchyard.monitoring.thresholds.queue-depth.warning must not be above"
					+ " batchyard.monitoring.thresholds.queue-depth.critical");
	}

	private static MonitoringProperties properties(Thresholds thresholds, Map<String, QueueThresholds> queues) {
		return new MonitoringProperties(true, java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(5),
				java.time.Duration.ofMinutes(10), java.time.Duration.ofMinutes(5), java.time.Duration.ofHours(168),
				java.time.Duration.ofHours(168), java.time.Duration.ofHours(1), thresholds, queues,
				new MonitoringProperties.Notifications(new MonitoringProperties.LogChannel(true, AlertSeverity.WARNING),
						List.of(), new MonitoringProperties.EmailChannel(List.of(), "a@b", AlertSeverity.CRITICAL), 8,
						java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(5),
						java.time.Duration.ofSeconds(1)));
	}

	private static QueueMetrics metrics(long waiting, double errorRate, double timeoutRate, double p95, double p99) {
		return new QueueMetrics("q", waiting, 0, 0, 0, 0, 0, errorRate, timeoutRate, 0, 0, p95, p99, 0, 0, 0, 0, 0,
				List.of(), Instant.EPOCH);
	}

}
