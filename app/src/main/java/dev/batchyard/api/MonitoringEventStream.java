package dev.batchyard.api;

import java.util.function.Function;

import dev.batchyard.monitoring.Alert;
import dev.batchyard.monitoring.AlertChanged;
import dev.batchyard.monitoring.LiveEvents;
import dev.batchyard.monitoring.QueueHealth;
import dev.batchyard.monitoring.QueueHealthChanged;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Alert and health changes of every node ({@link LiveEvents}) as streams for the
 * monitoring subscriptions. Each subscriber gets them on its own thread; one that cannot
 * keep up loses its oldest events past {@value #BUFFER}.
 *
 * @author Batchyard
 */
@Component
class MonitoringEventStream {

	static final int BUFFER = 1000;

	private final Sinks.Many<AlertChanged> alerts = Sinks.many().multicast().directBestEffort();

	private final Sinks.Many<QueueHealth> health = Sinks.many().multicast().directBestEffort();

	MonitoringEventStream(LiveEvents events) {
		events.onAlertChanged(this::alertChanged);
		events.onQueueHealthChanged(this::healthChanged);
	}

	void alertChanged(AlertChanged event) {
		synchronized (this.alerts) {
			this.alerts.tryEmitNext(event);
		}
	}

	void healthChanged(QueueHealthChanged event) {
		synchronized (this.health) {
			this.health.tryEmitNext(event.health());
		}
	}

	Flux<Alert> created() {
		return alerts((change) -> change == AlertChanged.Change.CREATED || change == AlertChanged.Change.RERAISED);
	}

	Flux<Alert> acknowledged() {
		return alerts((change) -> change == AlertChanged.Change.ACKNOWLEDGED);
	}

	Flux<QueueHealth> healthChanged() {
		return buffered(this.health.asFlux());
	}

	private Flux<Alert> alerts(Function<AlertChanged.Change, Boolean> wanted) {
		return buffered(this.alerts.asFlux().filter((event) -> wanted.apply(event.change())).map(AlertChanged::alert));
	}

	private static <T> Flux<T> buffered(Flux<T> events) {
		return events.onBackpressureBuffer(BUFFER, (dropped) -> {
		}, BufferOverflowStrategy.DROP_OLDEST).publishOn(Schedulers.boundedElastic());
	}

}
