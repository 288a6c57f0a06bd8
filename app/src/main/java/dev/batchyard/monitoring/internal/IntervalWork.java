package dev.batchyard.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.batchyard.monitoring.Alert;
import dev.batchyard.monitoring.AlertChanged;
import dev.batchyard.monitoring.AlertSeverity;
import dev.batchyard.monitoring.AlertType;
import dev.batchyard.monitoring.HealthStatus;
import dev.batchyard.monitoring.Monitoring.MonitoringRun;
import dev.batchyard.monitoring.MonitoringProperties;
import dev.batchyard.monitoring.QueueHealth;
import dev.batchyard.monitoring.QueueHealthChanged;
import dev.batchyard.monitoring.QueueMetrics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work of one monitoring interval, done by one node of the cluster per interval (the
 * clustered Quartz job {@code batchyard-maintenance.monitoring}), and acknowledgments.
 * <p>
 * Alerts follow the thresholds: a condition without an active alert of its queue and type
 * raises one; a WARNING whose condition turns critical escalates in place (and its
 * acknowledgment is cleared); a CRITICAL one stays CRITICAL while any condition of its
 * type holds; an acknowledged alert whose acknowledgment is older than
 * {@code acknowledgment-lapse} is raised again; an alert whose condition cleared is
 * resolved. Each change writes its notifications to the outbox in the same transaction,
 * and is published ({@link AlertChanged}) and logged after it committed.
 *
 * @author Batchyard
 */
public final class IntervalWork {

	private static final Log alertLog = LogFactory.getLog("dev.batchyard.monitoring.alerts");

	private final LiveFigures figures;

	private final AlertStore alerts;

	private final SnapshotStore snapshots;

	private final WorkerLoads workers;

	private final NotificationOutbox outbox;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final MonitoringProperties properties;

	private final QueueAlertThresholds thresholds;

	private final Clock clock;

	public IntervalWork(LiveFigures figures, AlertStore alerts, SnapshotStore snapshots, WorkerLoads workers,
			NotificationOutbox outbox, TransactionTemplate transactions, ApplicationEventPublisher events,
			MonitoringProperties properties, QueueAlertThresholds thresholds, Clock clock) {
		this.figures = figures;
		this.alerts = alerts;
		this.snapshots = snapshots;
		this.workers = workers;
		this.outbox = outbox;
		this.transactions = transactions;
		this.events = events;
		this.properties = properties;
		this.thresholds = thresholds;
		this.clock = clock;
	}

	/** Snapshot, alerts, pruning. */
	public MonitoringRun run() {
		Instant now = this.clock.instant();
		List<QueueMetrics> metrics = this.figures.metrics(this.figures.refresh());
		int snapshots = snapshot(metrics, now);
		List<AlertChanged> changes = new ArrayList<>();
		List<QueueHealthChanged> healthChanges = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> evaluate(metrics, now, changes, healthChanges));
		changes.forEach(this::announce);
		healthChanges.forEach(this.events::publishEvent);
		int pruned = prune(now);
		return new MonitoringRun(snapshots, count(changes, AlertChanged.Change.CREATED),
				count(changes, AlertChanged.Change.ESCALATED), count(changes, AlertChanged.Change.RERAISED),
				count(changes, AlertChanged.Change.RESOLVED), pruned);
	}

	/** Records who acknowledged an alert, and when; empty when there is no such alert. */
	public Optional<Alert> acknowledge(long id, String actor) {
		Optional<Alert> alert = this.transactions
			.execute((status) -> this.alerts.acknowledge(id, actor, this.clock.instant()) ? this.alerts.find(id)
					: Optional.<Alert>empty());
		alert.ifPresent((acknowledged) -> announce(new AlertChanged(acknowledged, AlertChanged.Change.ACKNOWLEDGED)));
		return alert;
	}

	/**
	 * Raises, escalates or resolves a node's MEMORY_USAGE alert (see
	 * {@link dev.batchyard.monitoring.Monitoring#memoryUsage}). Node alerts have no
	 * queue, so the queue alerts' evaluation never touches them; a node's is the active
	 * MEMORY_USAGE alert whose message starts with its name.
	 */
	public void memoryUsage(String nodeId, AlertSeverity severity, double heapUsedMb, double thresholdMb) {
		String prefix = AlertType.MEMORY_USAGE.label() + " on " + nodeId + ": ";
		String message = prefix + Math.round(heapUsedMb) + " MB >= " + Math.round(thresholdMb) + " MB";
		Instant now = this.clock.instant();
		List<AlertChanged> changes = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			Alert open = this.alerts.active()
				.stream()
				.filter((alert) -> alert.type() == AlertType.MEMORY_USAGE && alert.queueName() == null
						&& alert.message().startsWith(prefix))
				.findFirst()
				.orElse(null);
			if (severity == null) {
				if (open != null) {
					this.alerts.resolve(open.id(), now);
					change(open.id(), AlertChanged.Change.RESOLVED, changes);
				}
			}
			else if (open == null) {
				long id = this.alerts.insert(null, AlertType.MEMORY_USAGE, severity, message, heapUsedMb, thresholdMb,
						now);
				change(id, AlertChanged.Change.CREATED, changes);
			}
			else if (severity.compareTo(open.severity()) > 0) {
				this.alerts.update(open.id(), severity, message, heapUsedMb, thresholdMb, true);
				change(open.id(), AlertChanged.Change.ESCALATED, changes);
			}
		});
		changes.forEach(this::announce);
	}

	/** The interval's start: snapshots of one interval share it, whoever takes them. */
	Instant slot(Instant now) {
		long interval = this.properties.interval().toMillis();
		return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), interval) * interval);
	}

	private int snapshot(List<QueueMetrics> metrics, Instant now) {
		Instant slot = slot(now);
		try {
			Boolean written = this.transactions.execute((status) -> {
				if (this.snapshots.captured(slot)) {
					return false;
				}
				this.snapshots.insert(metrics, slot);
				return true;
			});
			return Boolean.TRUE.equals(written) ? metrics.size() : 0;
		}
		catch (DuplicateKeyException ex) {
			// another node took this interval's snapshot at the same moment
			return 0;
		}
	}

	private void evaluate(List<QueueMetrics> metrics, Instant now, List<AlertChanged> changes,
			List<QueueHealthChanged> healthChanges) {
		Map<String, Map<AlertType, Alert>> active = new HashMap<>();
		for (Alert alert : this.alerts.active()) {
			active.computeIfAbsent(alert.queueName(), (queue) -> new EnumMap<>(AlertType.class))
				.put(alert.type(), alert);
		}
		Duration lapse = this.properties.acknowledgmentLapse();
		for (QueueMetrics queue : metrics) {
			Map<AlertType, Alert> open = active.getOrDefault(queue.queueName(), Map.of());
			List<HealthRules.Condition> conditions = HealthRules.conditions(queue,
					this.thresholds.of(queue.queueName()));
			HealthStatus before = statusOf(open.values());
			for (HealthRules.Condition condition : conditions) {
				Alert alert = open.get(condition.type());
				if (alert == null) {
					long id = this.alerts.insert(queue.queueName(), condition.type(), condition.severity(),
							condition.message(), condition.value(), condition.threshold(), now);
					change(id, AlertChanged.Change.CREATED, changes);
				}
				else if (condition.severity().compareTo(alert.severity()) > 0) {
					this.alerts.update(alert.id(), condition.severity(), condition.message(), condition.value(),
							condition.threshold(), true);
					change(alert.id(), AlertChanged.Change.ESCALATED, changes);
				}
				else {
					if (condition.severity() == alert.severity()) {
						this.alerts.update(alert.id(), alert.severity(), condition.message(), condition.value(),
								condition.threshold(), false);
					}
					if (alert.acknowledged() && alert.acknowledgedAt() != null
							&& !now.isBefore(alert.acknowledgedAt().plus(lapse))) {
						this.alerts.reraise(alert.id(), now);
						change(alert.id(), AlertChanged.Change.RERAISED, changes);
					}
				}
			}
			for (Alert alert : open.values()) {
				if (conditions.stream().noneMatch((condition) -> condition.type() == alert.type())) {
					this.alerts.resolve(alert.id(), now);
					change(alert.id(), AlertChanged.Change.RESOLVED, changes);
				}
			}
			HealthStatus after = HealthRules.status(conditions);
			if (after != before) {
				QueueHealth health = new QueueHealth(queue.queueName(), after == HealthStatus.HEALTHY, after,
						conditions.stream().map(HealthRules.Condition::message).toList(), queue, now);
				healthChanges.add(new QueueHealthChanged(health, before));
			}
		}
	}

	private void change(long id, AlertChanged.Change change, List<AlertChanged> changes) {
		Alert alert = this.alerts.find(id).orElseThrow();
		this.outbox.add(alert, change);
		changes.add(new AlertChanged(alert, change));
	}

	private static HealthStatus statusOf(Iterable<Alert> alerts) {
		HealthStatus status = HealthStatus.HEALTHY;
		for (Alert alert : alerts) {
			if (alert.severity() == AlertSeverity.CRITICAL) {
				return HealthStatus.CRITICAL;
			}
			status = HealthStatus.WARNING;
		}
		return status;
	}

	private void announce(AlertChanged change) {
		MonitoringProperties.LogChannel log = this.properties.notifications().log();
		Alert alert = change.alert();
		if (log.enabled() && alert.severity().atLeast(log.minSeverity())) {
			String line = "Alert " + alert.id() + " " + change.change().name().toLowerCase() + ": [" + alert.severity()
					+ "] " + ((alert.queueName() != null) ? alert.queueName() + ": " : "") + alert.message()
					+ ((change.change() == AlertChanged.Change.ACKNOWLEDGED) ? " (by " + alert.acknowledgedBy() + ")"
							: "");
			if (change.change() == AlertChanged.Change.RESOLVED
					|| change.change() == AlertChanged.Change.ACKNOWLEDGED) {
				alertLog.info(line);
			}
			else {
				alertLog.warn(line);
			}
		}
		this.events.publishEvent(change);
	}

	private int prune(Instant now) {
		return this.transactions.execute((status) -> this.snapshots.prune(now.minus(this.properties.historyRetention()))
				+ this.alerts.prune(now.minus(this.properties.alertRetention()))
				+ this.outbox.prune(now.minus(this.properties.alertRetention())) + this.workers.prune());
	}

	private static int count(List<AlertChanged> changes, AlertChanged.Change change) {
		return (int) changes.stream().filter((candidate) -> candidate.change() == change).count();
	}

}
