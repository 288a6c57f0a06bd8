package dev.batchyard.engine.internal;

import java.util.List;

import dev.batchyard.engine.Workers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code dispatchers} component of {@code /actuator/health}: DOWN, naming the queues,
 * while a queue's dispatcher on this node is not claiming (its thread died; the
 * housekeeping starts it again within a lease-renewal interval). Such a node still
 * answers the API but no longer drains those queues.
 *
 * @author Batchyard
 */
class DispatcherHealthIndicator implements HealthIndicator {

	private final Workers workers;

	DispatcherHealthIndicator(Workers workers) {
		this.workers = workers;
	}

	@Override
	public Health health() {
		List<Workers.Worker> all = this.workers.workers();
		List<String> stopped = all.stream()
			.filter((worker) -> !worker.dispatching())
			.map(Workers.Worker::queueName)
			.toList();
		Health.Builder health = stopped.isEmpty() ? Health.up() : Health.down().withDetail("notDispatching", stopped);
		return health.withDetail("queues", all.size()).build();
	}

}
