package dev.batchyard.api;

import java.util.List;
import java.util.Set;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.QueueStates;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The {@code queues} and {@code queue(name)} queries.
 *
 * @author Batchyard
 */
@Controller
class QueueController {

	private final QueueCatalog catalog;

	private final QueueStates states;

	QueueController(QueueCatalog catalog, QueueStates states) {
		this.catalog = catalog;
		this.states = states;
	}

	@QueryMapping
	List<QueueView> queues() {
		Set<String> paused = this.states.pausedQueues();
		return this.catalog.queues()
			.stream()
			.map((queue) -> QueueView.of(queue, paused.contains(queue.name())))
			.toList();
	}

	@QueryMapping
	QueueView queue(@Argument String name) {
		return this.catalog.find(name)
			.map((queue) -> QueueView.of(queue, this.states.pausedQueues().contains(queue.name())))
			.orElse(null);
	}

}
