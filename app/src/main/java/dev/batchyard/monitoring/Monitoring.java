package dev.batchyard.monitoring;

import java.util.List;

/**
 * What admins ask of monitoring: metrics, health, history and alerts.
 *
 * @author Batchyard
 */
public interface Monitoring {

	/** The most history points one query returns. */
	int MAX_HISTORY = 1000;

	/**
	 * A queue's metrics now (as of this node's last counts refresh).
	 * @param queueName the queue
	 * @return the metrics
	 * @throws dev.batchyard.catalog.QueueNotFoundException for an unknown queue
	 */
	QueueMetrics metrics(String queueName);

	/**
	 * A queue's metric history, newest first.
	 * @param queueName the queue
	 * @param limit how many snapshots, 1 to {@link #MAX_HISTORY}
	 * @return the snapshots
	 * @throws IllegalArgumentException when the limit is out of range
	 * @throws dev.batchyard.catalog.QueueNotFoundException for an unknown queue
	 */
	List<QueueMetrics> history(String queueName, int limit);

	/**
	 * A queue's alert thresholds (monitoring's own, the catalog's, the built-in ones).
	 * @param queueName the queue
	 * @return the thresholds
	 * @throws dev.batchyard.catalog.QueueNotFoundException for an unknown queue
	 */
	MonitoringProperties.Thresholds alertThresholds(String queueName);

	/** Every queue's health, in catalog order. */
	List<QueueHealth> queuesHealth();

	/** The dashboard's figures. */
	DashboardSummary dashboard();

	/** The health of the whole system. */
	SystemHealth systemHealth();

	/**
	 * Alerts, newest first (at most 1000).
	 * @param severity only this severity, or null
	 * @param queueName only this queue, or null
	 * @param acknowledged only unacknowledged ({@code false}, the API's default) or
	 * acknowledged ones ({@code true}); null: both
	 * @param includeResolved also alerts resolved within
	 * {@code batchyard.monitoring.alert-retention}; otherwise only active ones
	 * @return the alerts
	 */
	List<Alert> alerts(AlertSeverity severity, String queueName, Boolean acknowledged, boolean includeResolved);

	/**
	 * Acknowledges an alert: records who and when. While the condition persists the
	 * acknowledgment lapses after {@code batchyard.monitoring.acknowledgment-lapse} and
	 * the alert is raised again.
	 * @param alertId the alert's id
	 * @param actor who acknowledges it
	 * @return the alert as it is now
	 * @throws AlertNotFoundException when no alert has the id
	 */
	Alert acknowledge(String alertId, String actor);

	/**
	 * Sets a node's MEMORY_USAGE alert to the node's memory level, through the same
	 * store, notifications and events as the queue alerts: raised when there is none,
	 * escalated from WARNING to CRITICAL, resolved when the level is null. A CRITICAL
	 * alert stays CRITICAL until resolved. The alert has no queue; its message names the
	 * node ("Memory usage on node-a: 800 MB >= 768 MB"), and there is at most one active
	 * per node.
	 * @param nodeId the node
	 * @param severity its level now, or null when it is under the warning threshold
	 * @param heapUsedMb its heap in use
	 * @param thresholdMb the threshold the level is about
	 */
	void memoryUsage(String nodeId, AlertSeverity severity, double heapUsedMb, double thresholdMb);

	/**
	 * The work of one monitoring interval, which one node of the cluster does per
	 * interval: records the metric history, evaluates the alerts (raise, escalate,
	 * re-raise, resolve, notify), prunes old history and resolved alerts.
	 * @return what it did
	 */
	MonitoringRun run();

	/**
	 * What one monitoring run did.
	 *
	 * @param snapshots metric snapshots written (0 when the interval had them already)
	 * @param created alerts raised
	 * @param escalated alerts escalated to CRITICAL
	 * @param reraised alerts raised again after their acknowledgment lapsed
	 * @param resolved alerts resolved
	 * @param pruned snapshots, alerts and notifications deleted
	 */
	record MonitoringRun(int snapshots, int created, int escalated, int reraised, int resolved, int pruned) {
	}

}
