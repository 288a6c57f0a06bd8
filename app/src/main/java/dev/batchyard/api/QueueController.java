package dev.batchyard.api;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.batchyard.api.QueueControlResults.CleanQueueInput;
import dev.batchyard.api.QueueControlResults.CleanQueueResult;
import dev.batchyard.api.QueueControlResults.QueueControlResult;
import dev.batchyard.api.QueueControlResults.RetryFailedJobsResult;
import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.engine.QueueStates;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The {@code queues} and {@code queue(name)} queries and the queue mutations
 * ({@code pauseQueue}, {@code resumeQueue}, {@code cleanQueue}, {@code retryFailedJobs};
 * ADMIN only).
 *
 * @author Batchyard
 */
@Controller
class QueueController {

	private final QueueCatalog catalog;

	private final QueueStates states;

	private final QueueControls controls;

	QueueController(QueueCatalog catalog, QueueStates states, QueueControls controls) {
		this.catalog = catalog;
		this.states = states;
		this.controls = controls;
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

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	QueueControlResult pauseQueue(@Argument String queueName, Principal principal) {
		return QueueControlResult.of(this.controls.pause(queueName, principal.getName()));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	QueueControlResult resumeQueue(@Argument String queueName, Principal principal) {
		return QueueControlResult.of(this.controls.resume(queueName, principal.getName()));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	CleanQueueResult cleanQueue(@Argument String queueName, @Argument CleanQueueInput input) {
		long grace = (input.grace() != null) ? input.grace() : 0;
		int limit = (input.limit() != null) ? input.limit() : 1000;
		return CleanQueueResult.of(this.controls.clean(queueName, input.status(), Duration.ofMillis(grace), limit));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	RetryFailedJobsResult retryFailedJobs(@Argument String queueName, @Argument int limit) {
		return RetryFailedJobsResult.of(this.controls.retryFailed(queueName, limit));
	}

}
