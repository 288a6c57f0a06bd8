package dev.batchyard.api;

import dev.batchyard.engine.WorkerRecycled;
import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.memory.MemoryThresholdCrossed;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * This node's memory threshold crossings and worker recycles as streams for the
 * {@code memoryWarning}, {@code memoryCritical} and {@code workerRecycled} subscriptions.
 *
 * @author Batchyard
 */
@Component
class MemoryEventStream {

	static final int BUFFER = 100;

	private final Sinks.Many<MemoryThresholdCrossed> crossings = Sinks.many().multicast().directBestEffort();

	@EventListener
	void crossed(MemoryThresholdCrossed event) {
		synchronized (this.crossings) {
			this.crossings.tryEmitNext(event);
		}
	}

	private final Sinks.Many<WorkerRecycled> recycles = Sinks.many().multicast().directBestEffort();

	@EventListener
	void recycled(WorkerRecycled event) {
		synchronized (this.recycles) {
			this.recycles.tryEmitNext(event);
		}
	}

	Flux<WorkerRecycled> recycled() {
		return this.recycles.asFlux().onBackpressureBuffer(BUFFER, (dropped) -> {
		}, BufferOverflowStrategy.DROP_OLDEST).publishOn(Schedulers.boundedElastic());
	}

	Flux<CurrentMemory> of(MemoryThresholdCrossed.Level level) {
		return this.crossings.asFlux()
			.filter((event) -> event.level() == level)
			.map(MemoryThresholdCrossed::memory)
			.onBackpressureBuffer(BUFFER, (dropped) -> {
			}, BufferOverflowStrategy.DROP_OLDEST)
			.publishOn(Schedulers.boundedElastic());
	}

}
