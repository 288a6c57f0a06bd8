package dev.batchyard.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.batchyard.catalog.AlertThreshold;
import dev.batchyard.catalog.AlertThresholds;
import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.monitoring.MonitoringProperties.Thresholds;
import dev.batchyard.monitoring.internal.HealthRules;
import dev.batchyard.monitoring.internal.HealthRules.Condition;
import dev.batchyard.monitoring.internal.QueueAlertThresholds;
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
		Thresholds common = new Thresholds(null, new AlertThreshold(2.0, null), null, null, null);
		MonitoringProperties properties = properties(common,
				Map.of("search-reindex", new AlertThresholds(new AlertThreshold(null, 800.0), null, null, null, null)));
		Thresholds reindex = properties.thresholdsOf("search-reindex", AlertThresholds.NONE);
		assertThat(reindex.queueDepth()).isEqualTo(new AlertThreshold(200.0, 800.0));
		assertThat(reindex.errorRate()).isEqualTo(new AlertThreshold(2.0, 10.0));
		assertThat(properties.thresholdsOf("default", AlertThresholds.NONE).queueDepth())
			.isEqualTo(new AlertThreshold(200.0, 500.0));
	}

	@Test
	void theCatalogsThresholdsOfAQueueSitBetweenItsMonitoringOnesAndTheCommonOnes() {
		MonitoringProperties properties = properties(DEFAULTS,
				Map.of("search-reindex", new AlertThresholds(new AlertThreshold(null, 800.0), null, null, null, null)));
		AlertThresholds catalog = new AlertThresholds(new AlertThreshold(50.0, 100.0), new AlertThreshold(null, 20.0),
				null, null, null);
		Thresholds reindex = properties.thresholdsOf("search-reindex", catalog);
		assertThat(reindex.queueDepth()).isEqualTo(new AlertThreshold(50.0, 800.0));
		assertThat(reindex.errorRate()).isEqualTo(new AlertThreshold(5.0, 20.0));
		assertThat(reindex.timeoutRate()).isEqualTo(new AlertThreshold(2.0, 5.0));
		assertThat(HealthRules.conditions(metrics(60, 0, 0, 0, 0), reindex)).extracting(Condition::message)
			.containsExactly("Queue depth: 60 >= 50");
	}

	@Test
	void aWarningAboveItsCriticalFailsTheBootWithThePropertyName() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> properties(new Thresholds(new AlertThreshold(600.0, null), null, null, null, null), Map.of()))
			.withMessage("batchyard.monitoring.thresholds.queue-depth.warning must not be above"
					+ " batchyard.monitoring.thresholds.queue-depth.critical");
	}

	@Test
	void aQueuesCriticalBelowTheWarningItInheritsFailsTheBootWithThePropertyName() {
		MonitoringProperties properties = properties(DEFAULTS,
				Map.of("search-reindex", new AlertThresholds(new AlertThreshold(null, 150.0), null, null, null, null)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QueueAlertThresholds(properties, QueueCatalog.builtIn()))
			.withMessage("batchyard.monitoring.queues.search-reindex.queue-depth.warning must not be above"
					+ " batchyard.monitoring.queues.search-reindex.queue-depth.critical");
	}

	private static MonitoringProperties properties(Thresholds thresholds, Map<String, AlertThresholds> queues) {
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
