package dev.batchyard.api;

import dev.batchyard.engine.JobStateChanged;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The job events of this node as a stream for the {@code jobEvents} subscription. The
 * engine's threads only hand an event over (no I/O, no store work); each subscriber gets
 * them on its own thread, and one that cannot keep up loses its oldest events past
 * {@value #BUFFER} instead of holding up the engine.
 *
 * @author Batchyard
 */
@Component
class JobEventStream {

	static final int BUFFER = 1000;

	private final Sinks.Many<JobStateChanged> sink = Sinks.many().multicast().directBestEffort();

	@EventListener
	void changed(JobStateChanged event) {
		if (this.sink.currentSubscriberCount() == 0) {
			// nobody listens: every worker of the node would only queue on the lock
			return;
		}
		// the sink takes one emission at a time; a competing one would be dropped
		synchronized (this.sink) {
			this.sink.tryEmitNext(event);
		}
	}

	Flux<JobStateChanged> events(String queueName) {
		return this.sink.asFlux()
			.filter((event) -> queueName == null || queueName.equals(event.queueName()))
			.onBackpressureBuffer(BUFFER, (dropped) -> {
			}, BufferOverflowStrategy.DROP_OLDEST)
			.publishOn(Schedulers.boundedElastic());
	}

	/** How many subscriptions are listening now. */
	int subscribers() {
		return this.sink.currentSubscriberCount();
	}

}
