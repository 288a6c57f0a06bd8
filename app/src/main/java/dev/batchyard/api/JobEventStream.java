package dev.batchyard.api;

import dev.batchyard.engine.JobStateChanged;
import dev.batchyard.monitoring.LiveEvents;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * The job events of every node as a stream for the {@code jobEvents} subscription
 * ({@link LiveEvents}: this node's at once, the others' through the database). The
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

	private final LiveEvents live;

	/**
	 * Listening to the cluster's job events while anybody subscribes; guarded by this.
	 */
	private LiveEvents.Subscription listening;

	private int subscriptions;

	JobEventStream(LiveEvents live) {
		this.live = live;
	}

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
		return Flux.defer(() -> {
			attach();
			return this.sink.asFlux();
		})
			.doFinally((signal) -> detach())
			.filter((event) -> queueName == null || queueName.equals(event.queueName()))
			.onBackpressureBuffer(BUFFER, (dropped) -> {
			}, BufferOverflowStrategy.DROP_OLDEST)
			.publishOn(Schedulers.boundedElastic());
	}

	/**
	 * Other nodes send their job events only while some node listens: listen from the
	 * first subscription on, stop after the last.
	 */
	private synchronized void attach() {
		if (this.subscriptions++ == 0) {
			this.listening = this.live.onJobEvent(this::changed);
		}
	}

	private synchronized void detach() {
		if (--this.subscriptions == 0 && this.listening != null) {
			this.listening.close();
			this.listening = null;
		}
	}

	/** How many subscriptions are listening now. */
	int subscribers() {
		return this.sink.currentSubscriberCount();
	}

}
