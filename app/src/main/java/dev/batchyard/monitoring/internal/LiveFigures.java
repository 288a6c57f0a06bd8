package dev.batchyard.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.limits.ExecutionStats;
import dev.batchyard.limits.Timeouts;
import dev.batchyard.monitoring.QueueMetrics;
import dev.batchyard.monitoring.WorkerLoad;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Everything the metrics of every queue are made of — counts, execution statistics,
 * worker pools — as of the last refresh. With monitoring enabled a thread of this node
 * ({@code monitoring@<node>}) refreshes it every {@code counts-refresh}; queries and
 * scrapes only read it.
 *
 * @author Batchyard
 */
public final class LiveFigures implements Runnable {

	private static final Log logger = LogFactory.getLog(LiveFigures.class);

	private final QueueCatalog catalog;

	private final QueueCounts counts;

	private final WorkerLoads workers;

	private final Timeouts timeouts;

	private final AlertStore alerts;

	private final Clock clock;

	private final Duration refreshEvery;

	private volatile Figures latest;

	private volatile boolean running;

	private Thread thread;

	public LiveFigures(QueueCatalog catalog, QueueCounts counts, WorkerLoads workers, Timeouts timeouts,
			AlertStore alerts, Clock clock, Duration refreshEvery) {
		this.catalog = catalog;
		this.counts = counts;
		this.workers = workers;
		this.timeouts = timeouts;
		this.alerts = alerts;
		this.clock = clock;
		this.refreshEvery = refreshEvery;
	}

	/** The figures of the last refresh; refreshed first when there was none. */
	public Figures latest() {
		Figures figures = this.latest;
		return (figures != null) ? figures : refresh();
	}

	/**
	 * Counts again, reports this node's pools, reads the statistics and active alerts.
	 */
	public Figures refresh() {
		this.workers.report();
		Figures figures = new Figures(this.counts.refresh(), this.timeouts.statsOfAll(), this.workers.all(),
				this.alerts.activeBySeverity());
		this.latest = figures;
		return figures;
	}

	/** Every queue's metrics from the figures, in catalog order. */
	public List<QueueMetrics> metrics(Figures figures) {
		Instant now = this.clock.instant();
		return this.catalog.queues()
			.stream()
			.map(QueueDefinition::name)
			.map((queue) -> metrics(queue, figures, now))
			.toList();
	}

	/** One queue's metrics from the figures. */
	public QueueMetrics metrics(String queue, Figures figures, Instant now) {
		QueueCounts.Unfinished unfinished = figures.counts().unfinished(queue);
		QueueCounts.Finished finished = figures.counts().finished(queue);
		QueueCounts.Window window = figures.counts().window(queue);
		double minutes = figures.counts().windowLength().toMillis() / 60_000.0;
		long attempts = window.completed() + window.failedAttempts();
		ExecutionStats stats = figures.stats().get(queue);
		List<WorkerLoad> pools = figures.workers().getOrDefault(queue, List.of());
		long oldest = (unfinished.oldestReadyAt() != null)
				? Math.max(0, Duration.between(unfinished.oldestReadyAt(), now).toMillis()) : 0;
		return new QueueMetrics(queue, unfinished.waiting(), unfinished.active(), unfinished.delayed(),
				finished.failed(), finished.completed(), round((window.completed() + window.failed()) / minutes),
				percent(window.failedAttempts(), attempts), percent(window.timedOutAttempts(), attempts),
				(stats != null) ? round(stats.avg()) : 0, (stats != null) ? stats.p50() : 0,
				(stats != null) ? stats.p95() : 0, (stats != null) ? stats.p99() : 0, oldest, 0, 0,
				pools.stream().mapToInt(WorkerLoad::size).sum(), pools.stream().mapToInt(WorkerLoad::busy).sum(), pools,
				now);
	}

	private static double percent(long part, long whole) {
		return (whole > 0) ? round(100.0 * part / whole) : 0;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/** Starts the refresh thread. */
	public void start(String nodeId) {
		this.running = true;
		this.thread = Thread.ofPlatform().name("monitoring@" + nodeId).daemon(true).start(this);
	}

	/** Stops the refresh thread. */
	public void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
			try {
				this.thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void run() {
		while (this.running) {
			try {
				refresh();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not refresh the monitoring counts; queries show the last ones: " + ex.getMessage());
			}
			try {
				Thread.sleep(this.refreshEvery);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * What one refresh read.
	 *
	 * @param counts jobs by queue and state, and the rate window
	 * @param stats execution statistics by queue (absent: no sample)
	 * @param workers the pools of every node by queue
	 * @param activeAlerts active alerts by severity (WARNING, CRITICAL)
	 */
	public record Figures(QueueCounts.Counts counts, Map<String, ExecutionStats> stats,
			Map<String, List<WorkerLoad>> workers, long[] activeAlerts) {
	}

}
