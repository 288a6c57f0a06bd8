package dev.batchyard.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.monitoring.HealthStatus;
import dev.batchyard.monitoring.Monitoring;
import dev.batchyard.monitoring.QueueHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code monitoring} part of {@code /actuator/health}: the queues in WARNING and
 * CRITICAL with their issues. It stays UP whatever the queues' health. A CRITICAL queue
 * (a backlog, a failing downstream) is the same on every node, because the queues and
 * their jobs are shared: a DOWN here would take every node out of its load balancer at
 * once, and nobody would then drain the backlog or answer the API. Queue health is for
 * people and alert rules; liveness and readiness stay about the node.
 *
 * @author Batchyard
 */
final class MonitoringHealthIndicator implements HealthIndicator {

	private final Monitoring monitoring;

	MonitoringHealthIndicator(Monitoring monitoring) {
		this.monitoring = monitoring;
	}

	@Override
	public Health health() {
		List<QueueHealth> queues = this.monitoring.queuesHealth();
		Map<String, List<String>> critical = new LinkedHashMap<>();
		Map<String, List<String>> warning = new LinkedHashMap<>();
		for (QueueHealth queue : queues) {
			if (queue.status() == HealthStatus.CRITICAL) {
				critical.put(queue.queueName(), queue.issues());
			}
			else if (queue.status() == HealthStatus.WARNING) {
				warning.put(queue.queueName(), queue.issues());
			}
		}
		return Health.up()
			.withDetail("queues", queues.size())
			.withDetail("critical", critical)
			.withDetail("warning", warning)
			.build();
	}

}
