package dev.batchyard.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.JobStateChanged;
import dev.batchyard.engine.Workers;
import dev.batchyard.monitoring.AlertSeverity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.event.EventListener;

/**
 * Monitoring's meters (Prometheus at {@code /actuator/prometheus}). Queue gauges read
 * this node's last counts refresh — a scrape counts nothing — so every node reports the
 * same cluster-wide queue figures; pool gauges and the job counters and timer are this
 * node's own.
 * <ul>
 * <li>{@code batchyard.jobs.finished} {queue, type, outcome}: jobs this node finished
 * (completed, failed, cancelled);</li>
 * <li>{@code batchyard.jobs.duration} {queue}: completed attempts' durations, a histogram
 * with fixed buckets from 10 ms to 10 min;</li>
 * <li>{@code batchyard.queue.jobs} {queue, state}: jobs by state;</li>
 * <li>{@code batchyard.queue.oldest.waiting} {queue}: the oldest ready job's age;</li>
 * <li>{@code batchyard.workers.size} and {@code batchyard.workers.busy} {queue}: this
 * node's pools;</li>
 * <li>{@code batchyard.alerts.active} {severity}: active alerts;</li>
 * <li>{@code batchyard.ratelimit.permits} {limiter, outcome} comes from the limits
 * feature.</li>
 * </ul>
 *
 * @author Batchyard
 */
final class MonitoringMeters {

	private static final Duration[] BUCKETS = { Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
			Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
			Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
			Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10) };

	private final MeterRegistry meters;

	private final Map<String, Map<String, Counter[]>> finished = new ConcurrentHashMap<>();

	private final Map<String, Timer> durations = new ConcurrentHashMap<>();

	MonitoringMeters(QueueCatalog catalog, LiveFigures figures, Workers workers, MeterRegistry meters, boolean enabled,
			Clock clock) {
		this.meters = enabled ? meters : null;
		if (this.meters == null) {
			return;
		}
		for (QueueDefinition queue : catalog.queues()) {
			String name = queue.name();
			queueGauge(figures, name, "waiting", (f) -> f.counts().unfinished(name).waiting());
			queueGauge(figures, name, "delayed", (f) -> f.counts().unfinished(name).delayed());
			queueGauge(figures, name, "active", (f) -> f.counts().unfinished(name).active());
			queueGauge(figures, name, "completed", (f) -> f.counts().finished(name).completed());
			queueGauge(figures, name, "failed", (f) -> f.counts().finished(name).failed());
			queueGauge(figures, name, "cancelled", (f) -> f.counts().finished(name).cancelled());
			TimeGauge.builder("batchyard.queue.oldest.waiting", figures, TimeUnit.MILLISECONDS, (f) -> {
				LiveFigures.Figures latest = f.latest();
				var oldest = latest.counts().unfinished(name).oldestReadyAt();
				return (oldest != null) ? Math.max(0, Duration.between(oldest, clock.instant()).toMillis()) : 0;
			}).description("Age of the queue's oldest ready job (its latency)").tag("queue", name).register(meters);
			Gauge.builder("batchyard.workers.size", workers, (w) -> pool(w, name, false))
				.description("Workers of the queue's pool on this node")
				.tag("queue", name)
				.register(meters);
			Gauge.builder("batchyard.workers.busy", workers, (w) -> pool(w, name, true))
				.description("Workers of the queue's pool on this node running a job")
				.tag("queue", name)
				.register(meters);
		}
		for (AlertSeverity severity : AlertSeverity.values()) {
			Gauge.builder("batchyard.alerts.active", figures, (f) -> f.latest().activeAlerts()[severity.ordinal()])
				.description("Active (unresolved) alerts")
				.tag("severity", severity.name())
				.register(meters);
		}
	}

	private void queueGauge(LiveFigures figures, String queue, String state,
			ToDoubleFunction<LiveFigures.Figures> value) {
		Gauge.builder("batchyard.queue.jobs", figures, (f) -> value.applyAsDouble(f.latest()))
			.description("Jobs of the queue by state (cluster-wide)")
			.tag("queue", queue)
			.tag("state", state)
			.register(this.meters);
	}

	private static double pool(Workers workers, String queue, boolean busy) {
		for (Workers.Worker worker : workers.workers()) {
			if (worker.queueName().equals(queue)) {
				return busy ? worker.busy() : worker.size();
			}
		}
		return 0;
	}

	@EventListener
	void changed(JobStateChanged event) {
		if (this.meters == null) {
			return;
		}
		int outcome = switch (event.state()) {
			case COMPLETED -> 0;
			case FAILED -> 1;
			case CANCELLED -> 2;
			default -> -1;
		};
		if (outcome < 0) {
			return;
		}
		Counter[] counters = this.finished.computeIfAbsent(event.queueName(), (queue) -> new ConcurrentHashMap<>())
			.computeIfAbsent(event.type(), (type) -> new Counter[] { counter(event, JobState.COMPLETED),
					counter(event, JobState.FAILED), counter(event, JobState.CANCELLED) });
		counters[outcome].increment();
		if (event.state() == JobState.COMPLETED && event.durationMs() != null) {
			this.durations.computeIfAbsent(event.queueName(), this::timer)
				.record(event.durationMs(), TimeUnit.MILLISECONDS);
		}
	}

	private Counter counter(JobStateChanged event, JobState outcome) {
		return Counter.builder("batchyard.jobs.finished")
			.description("Jobs this node finished, by queue, type and outcome")
			.tag("queue", event.queueName())
			.tag("type", event.type())
			.tag("outcome", outcome.column())
			.register(this.meters);
	}

	private Timer timer(String queue) {
		return Timer.builder("batchyard.jobs.duration")
			.description("Durations of the completed attempts this node ran")
			.tag("queue", queue)
			.serviceLevelObjectives(BUCKETS)
			.register(this.meters);
	}

}
