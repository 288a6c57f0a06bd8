package dev.batchyard.monitoring.internal;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.monitoring.Alert;
import dev.batchyard.monitoring.AlertNotFoundException;
import dev.batchyard.monitoring.AlertSeverity;
import dev.batchyard.monitoring.DashboardSummary;
import dev.batchyard.monitoring.HealthStatus;
import dev.batchyard.monitoring.Monitoring;
import dev.batchyard.monitoring.MonitoringProperties;
import dev.batchyard.monitoring.QueueHealth;
import dev.batchyard.monitoring.QueueMetrics;
import dev.batchyard.monitoring.SystemHealth;
import dev.batchyard.monitoring.WorkerLoad;

/**
 * Answers the monitoring queries from this node's {@link LiveFigures} and the stores, and
 * hands the interval's work to {@link IntervalWork}.
 *
 * @author Batchyard
 */
public final class MonitoringService implements Monitoring {

	private final QueueCatalog catalog;

	private final LiveFigures figures;

	private final AlertStore alerts;

	private final SnapshotStore snapshots;

	private final IntervalWork intervalWork;

	private final MonitoringProperties properties;

	private final QueueAlertThresholds thresholds;

	private final Clock clock;

	public MonitoringService(QueueCatalog catalog, LiveFigures figures, AlertStore alerts, SnapshotStore snapshots,
			IntervalWork intervalWork, MonitoringProperties properties, QueueAlertThresholds thresholds, Clock clock) {
		this.catalog = catalog;
		this.figures = figures;
		this.alerts = alerts;
		this.snapshots = snapshots;
		this.intervalWork = intervalWork;
		this.properties = properties;
		this.thresholds = thresholds;
		this.clock = clock;
	}

	@Override
	public QueueMetrics metrics(String queueName) {
		String queue = this.catalog.get(queueName).name();
		return this.figures.metrics(queue, current(), this.clock.instant());
	}

	@Override
	public MonitoringProperties.Thresholds alertThresholds(String queueName) {
		return this.thresholds.of(this.catalog.get(queueName).name());
	}

	@Override
	public List<QueueMetrics> history(String queueName, int limit) {
		if (limit < 1 || limit > MAX_HISTORY) {
			throw new IllegalArgumentException("historyLimit must be between 1 and " + MAX_HISTORY + ", not " + limit);
		}
		return this.snapshots.history(this.catalog.get(queueName).name(), limit);
	}

	@Override
	public List<QueueHealth> queuesHealth() {
		return this.figures.metrics(current()).stream().map(this::health).toList();
	}

	QueueHealth health(QueueMetrics metrics) {
		List<HealthRules.Condition> conditions = HealthRules.conditions(metrics,
				this.thresholds.of(metrics.queueName()));
		HealthStatus status = HealthRules.status(conditions);
		return new QueueHealth(metrics.queueName(), status == HealthStatus.HEALTHY, status,
				conditions.stream().map(HealthRules.Condition::message).toList(), metrics, metrics.timestamp());
	}

	@Override
	public DashboardSummary dashboard() {
		LiveFigures.Figures current = current();
		List<QueueHealth> health = this.figures.metrics(current).stream().map(this::health).toList();
		int warning = 0;
		int critical = 0;
		long waiting = 0;
		long active = 0;
		long failed = 0;
		double jobsPerMinute = 0;
		double errorRate = 0;
		int working = 0;
		for (QueueHealth queue : health) {
			warning += (queue.status() == HealthStatus.WARNING) ? 1 : 0;
			critical += (queue.status() == HealthStatus.CRITICAL) ? 1 : 0;
			QueueMetrics metrics = queue.metrics();
			waiting += metrics.waiting();
			active += metrics.active();
			failed += metrics.failed();
			jobsPerMinute += metrics.jobsPerMinute();
			if (metrics.jobsPerMinute() > 0 || metrics.errorRate() > 0) {
				errorRate += metrics.errorRate();
				working++;
			}
		}
		long[] activeAlerts = current.activeAlerts();
		int queues = health.size();
		return new DashboardSummary(queues, queues - warning - critical, warning, critical, waiting, active, failed,
				(int) (activeAlerts[0] + activeAlerts[1]), round(queues > 0 ? jobsPerMinute / queues : 0),
				round(working > 0 ? errorRate / working : 0), this.clock.instant());
	}

	@Override
	public SystemHealth systemHealth() {
		DashboardSummary dashboard = dashboard();
		LiveFigures.Figures current = current();
		int workers = current.workers().values().stream().flatMap(List::stream).mapToInt(WorkerLoad::size).sum();
		long processed = current.counts()
			.finished()
			.values()
			.stream()
			.mapToLong((finished) -> finished.completed() + finished.failed())
			.sum();
		return new SystemHealth(dashboard.timestamp(), dashboard.criticalQueues() == 0, dashboard,
				new SystemHealth.WorkerSummary(workers, processed, 0, 0), memory(dashboard.timestamp()));
	}

	private static SystemHealth.MemoryStats memory(Instant now) {
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
		double direct = 0;
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			direct += pool.getMemoryUsed();
		}
		long max = (heap.getMax() > 0) ? heap.getMax() : heap.getCommitted();
		return new SystemHealth.MemoryStats(mb(heap.getUsed()), mb(heap.getCommitted()),
				mb(nonHeap.getUsed() + (long) direct), 0, mb((long) direct),
				round(100.0 * heap.getUsed() / Math.max(1, max)), now);
	}

	private static double mb(long bytes) {
		return round(bytes / (1024.0 * 1024.0));
	}

	@Override
	public List<Alert> alerts(AlertSeverity severity, String queueName, Boolean acknowledged, boolean includeResolved) {
		String queue = (queueName != null) ? this.catalog.get(queueName).name() : null;
		return this.alerts.search(severity, queue, acknowledged, includeResolved, 1000);
	}

	@Override
	public Alert acknowledge(String alertId, String actor) {
		long id = parseId(alertId);
		return this.intervalWork.acknowledge(id, actor).orElseThrow(() -> new AlertNotFoundException(alertId));
	}

	@Override
	public void memoryUsage(String nodeId, AlertSeverity severity, double heapUsedMb, double thresholdMb) {
		this.intervalWork.memoryUsage(nodeId, severity, heapUsedMb, thresholdMb);
	}

	@Override
	public MonitoringRun run() {
		return this.intervalWork.run();
	}

	private LiveFigures.Figures current() {
		return this.properties.enabled() ? this.figures.latest() : this.figures.refresh();
	}

	private static long parseId(String alertId) {
		try {
			return Long.parseLong(alertId.trim());
		}
		catch (NumberFormatException | NullPointerException ex) {
			throw new AlertNotFoundException(alertId);
		}
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
