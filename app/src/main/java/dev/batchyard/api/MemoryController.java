package dev.batchyard.api;

import java.util.List;

import dev.batchyard.memory.AllocationStats;
import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.memory.Memory;
import dev.batchyard.memory.MemorySettings;
import dev.batchyard.memory.MemoryThresholdCrossed;
import reactor.core.publisher.Flux;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * The memory operations: {@code currentMemory}, {@code memoryConfig},
 * {@code queueAllocations}, and the {@code memoryWarning} and {@code memoryCritical}
 * subscriptions.
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

	@SubscriptionMapping
	Flux<CurrentMemory> memoryWarning() {
		return this.events.of(MemoryThresholdCrossed.Level.WARNING);
	}

	@SubscriptionMapping
	Flux<CurrentMemory> memoryCritical() {
		return this.events.of(MemoryThresholdCrossed.Level.CRITICAL);
	}

}
