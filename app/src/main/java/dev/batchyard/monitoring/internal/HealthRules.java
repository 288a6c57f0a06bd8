package dev.batchyard.monitoring.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.batchyard.catalog.AlertThreshold;
import dev.batchyard.monitoring.AlertSeverity;
import dev.batchyard.monitoring.AlertType;
import dev.batchyard.monitoring.HealthStatus;
import dev.batchyard.monitoring.MonitoringProperties;
import dev.batchyard.monitoring.QueueMetrics;

/**
 * Which thresholds a queue's metrics reach. A value reaches a threshold when it is at
 * least the threshold. Processing time compares p95 with the warning threshold and p99
 * with the critical one.
 *
 * @author Batchyard
 */
public final class HealthRules {

	private HealthRules() {
	}

	/**
	 * The conditions the metrics meet, at most one per alert type (the most severe).
	 * @param metrics the queue's metrics
	 * @param thresholds the queue's thresholds
	 * @return the conditions, in alert type order
	 */
	public static List<Condition> conditions(QueueMetrics metrics, MonitoringProperties.Thresholds thresholds) {
		List<Condition> conditions = new ArrayList<>();
		check(conditions, AlertType.QUEUE_DEPTH, "", metrics.waiting(), metrics.waiting(), thresholds);
		check(conditions, AlertType.ERROR_RATE, "", metrics.errorRate(), metrics.errorRate(), thresholds);
		check(conditions, AlertType.TIMEOUT_RATE, "", metrics.timeoutRate(), metrics.timeoutRate(), thresholds);
		check(conditions, AlertType.PROCESSING_TIME, " p95", metrics.p95ProcessingTimeMs(),
				metrics.p99ProcessingTimeMs(), thresholds);
		check(conditions, AlertType.MEMORY_USAGE, "", metrics.memoryUsageMB(), metrics.memoryUsageMB(), thresholds);
		return conditions;
	}

	/** The status the conditions make: the most severe, or HEALTHY. */
	public static HealthStatus status(List<Condition> conditions) {
		HealthStatus status = HealthStatus.HEALTHY;
		for (Condition condition : conditions) {
			if (condition.severity() == AlertSeverity.CRITICAL) {
				return HealthStatus.CRITICAL;
			}
			status = HealthStatus.WARNING;
		}
		return status;
	}

	private static void check(List<Condition> conditions, AlertType type, String warningLabel, double warningValue,
			double criticalValue, MonitoringProperties.Thresholds thresholds) {
		AlertThreshold threshold = thresholds.of(type);
		if (threshold.critical() != null && criticalValue >= threshold.critical()) {
			String label = (type == AlertType.PROCESSING_TIME) ? " p99" : "";
			conditions.add(new Condition(type, AlertSeverity.CRITICAL, criticalValue, threshold.critical(),
					message(type, label, criticalValue, threshold.critical())));
		}
		else if (threshold.warning() != null && warningValue >= threshold.warning()) {
			conditions.add(new Condition(type, AlertSeverity.WARNING, warningValue, threshold.warning(),
					message(type, warningLabel, warningValue, threshold.warning())));
		}
	}

	private static String message(AlertType type, String label, double value, double threshold) {
		return type.label() + label + ": " + number(value) + type.unit() + " >= " + number(threshold) + type.unit();
	}

	static String number(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
	}

	/**
	 * A threshold a queue's metric reached.
	 *
	 * @param type the alert type
	 * @param severity WARNING or CRITICAL
	 * @param value the metric's value
	 * @param threshold the threshold reached
	 * @param message e.g. "Queue depth: 215 >= 200"
	 */
	public record Condition(AlertType type, AlertSeverity severity, double value, double threshold, String message) {
	}

}
