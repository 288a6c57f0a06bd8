package dev.batchyard.api;

import java.security.Principal;
import java.util.List;

import dev.batchyard.monitoring.Alert;
import dev.batchyard.monitoring.AlertSeverity;
import dev.batchyard.monitoring.DashboardSummary;
import dev.batchyard.monitoring.Monitoring;
import dev.batchyard.monitoring.QueueHealth;
import dev.batchyard.monitoring.QueueMetrics;
import dev.batchyard.monitoring.SystemHealth;
import reactor.core.publisher.Flux;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The monitoring operations: {@code systemHealth}, {@code dashboard},
 * {@code queuesHealth}, {@code queueMetrics} and {@code alerts}, the
 * {@code acknowledgeAlert} mutation (ADMIN only), and the {@code alertCreated},
 * {@code alertAcknowledged} and {@code queueHealthChanged} subscriptions.
 *
 * @author Batchyard
 */
@Controller
class MonitoringController {

	private final Monitoring monitoring;

	private final MonitoringEventStream events;

	MonitoringController(Monitoring monitoring, MonitoringEventStream events) {
		this.monitoring = monitoring;
		this.events = events;
	}

	@QueryMapping
	SystemHealth systemHealth() {
		return this.monitoring.systemHealth();
	}

	@QueryMapping
	DashboardSummary dashboard() {
		return this.monitoring.dashboard();
	}

	@QueryMapping
	List<QueueHealth> queuesHealth() {
		return this.monitoring.queuesHealth();
	}

	@QueryMapping
	QueueMetricsResult queueMetrics(@Argument String queueName, @Argument Boolean history,
			@Argument Integer historyLimit) {
		int limit = (historyLimit != null) ? historyLimit : 100;
		if (limit < 1 || limit > Monitoring.MAX_HISTORY) {
			// refused whether or not history is asked for: the argument is wrong either
			// way
			throw new InvalidArgumentException("historyLimit",
					"historyLimit must be between 1 and " + Monitoring.MAX_HISTORY + ", not " + limit);
		}
		QueueMetrics current = this.monitoring.metrics(queueName);
		return new QueueMetricsResult(current,
				Boolean.TRUE.equals(history) ? this.monitoring.history(queueName, limit) : null);
	}

	@QueryMapping
	List<Alert> alerts(@Argument AlertSeverity severity, @Argument String queueName, @Argument Boolean acknowledged,
			@Argument Boolean includeResolved) {
		return this.monitoring.alerts(severity, queueName, acknowledged, Boolean.TRUE.equals(includeResolved));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	AcknowledgeAlertResult acknowledgeAlert(@Argument String alertId, Principal principal) {
		return new AcknowledgeAlertResult(true, this.monitoring.acknowledge(alertId, principal.getName()));
	}

	@SubscriptionMapping
	Flux<Alert> alertCreated() {
		return this.events.created();
	}

	@SubscriptionMapping
	Flux<Alert> alertAcknowledged() {
		return this.events.acknowledged();
	}

	@SubscriptionMapping
	Flux<QueueHealth> queueHealthChanged() {
		return this.events.healthChanged();
	}

	/**
	 * The result of {@code queueMetrics}.
	 *
	 * @param current the metrics now
	 * @param history the snapshots, newest first, or null when not asked for
	 */
	record QueueMetricsResult(QueueMetrics current, List<QueueMetrics> history) {

	}

	/**
	 * The result of {@code acknowledgeAlert}.
	 *
	 * @param success whether it was recorded (an unknown alert is an error instead)
	 * @param alert the alert as it is now
	 */
	record AcknowledgeAlertResult(boolean success, Alert alert) {

	}

}
