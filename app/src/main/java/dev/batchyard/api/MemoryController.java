package dev.batchyard.api;

import java.util.List;

import dev.batchyard.engine.WorkerRecycled;
import dev.batchyard.memory.AllocationStats;
import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.memory.Memory;
import dev.batchyard.memory.MemorySettings;
import dev.batchyard.memory.MemoryThresholdCrossed;
import dev.batchyard.memory.RecycleWorkerResult;
import dev.batchyard.memory.WorkerMemorySummary;
import reactor.core.publisher.Flux;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The memory operations: {@code currentMemory}, {@code memoryConfig},
 * {@code queueAllocations}, {@code workersMemory}, the {@code recycleWorker} mutation
 * (ADMIN only, audited by {@link AuditInterceptor}), and the {@code memoryWarning},
 * {@code memoryCritical} and {@code workerRecycled} subscriptions.
 *
 * @author Batchyard
 */
@Controller
class MemoryController {

	private final Memory memory;

	private final MemoryEventStream events;

	MemoryController(Memory memory, MemoryEventStream events) {
		this.memory = memory;
		this.events = events;
	}

	@QueryMapping
	CurrentMemory currentMemory() {
		return this.memory.current();
	}

	@QueryMapping
	MemorySettings memoryConfig() {
		return this.memory.settings();
	}

	@QueryMapping
	List<AllocationStats> queueAllocations() {
		return this.memory.allocations();
	}

	@QueryMapping
	WorkerMemorySummary workersMemory() {
		return this.memory.workers();
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	RecycleWorkerResult recycleWorker(@Argument String workerId, @Argument RecycleWorkerInput input) {
		if (input.reason() == null || input.reason().isBlank()) {
			throw new InvalidArgumentException("reason", "reason must say why the worker is recycled");
		}
		return this.memory.recycle(workerId, input.reason().strip(), !Boolean.FALSE.equals(input.graceful()));
	}

	@SubscriptionMapping
	Flux<WorkerRecycled> workerRecycled() {
		return this.events.recycled();
	}

	@SubscriptionMapping
	Flux<CurrentMemory> memoryWarning() {
		return this.events.of(MemoryThresholdCrossed.Level.WARNING);
	}

	@SubscriptionMapping
	Flux<CurrentMemory> memoryCritical() {
		return this.events.of(MemoryThresholdCrossed.Level.CRITICAL);
	}

	/**
	 * The input of {@code recycleWorker}.
	 *
	 * @param reason why
	 * @param graceful whether running jobs get the grace (null: true)
	 */
	record RecycleWorkerInput(String reason, Boolean graceful) {

	}

}
