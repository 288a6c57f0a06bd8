package dev.batchyard.monitoring;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.batchyard.catalog.AlertThreshold;
import dev.batchyard.catalog.AlertThresholds;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Monitoring's knobs, bound from {@code batchyard.monitoring}.
 *
 * @param enabled whether this node monitors at all: with {@code false} it refreshes no
 * counts, registers no queue meters and takes no part in the monitoring runs (the queries
 * still answer, from a fresh count each time)
 * @param interval how often one node of the cluster records the metric history and
 * evaluates the alerts; a change applies from the next start of a node
 * @param countsRefresh how often each node refreshes its counts of jobs by state, the
 * rates and the worker pools that queries and scrapes read
 * @param reconcileInterval how often the finished-job counts (counted incrementally by
 * finish time) are recounted in full, catching up with deletes, cleans, retention and
 * retries
 * @param rateWindow the sliding window of jobs per minute, error rate and timeout rate
 * @param historyRetention how long metric snapshots are kept
 * @param alertRetention how long resolved alerts stay queryable
 * @param acknowledgmentLapse how long an acknowledgment holds while the condition
 * persists; then the alert is raised again
 * @param thresholds the alert thresholds of every queue
 * @param queues per-queue thresholds; a value given here beats the queue's
 * {@code batchyard.catalog.queues.<name>.alerts} (and its tier's and the catalog's
 * defaults), which beat {@code thresholds}
 * @param notifications where alert notifications go
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.monitoring")
public record MonitoringProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
		@DefaultValue("5s") Duration countsRefresh, @DefaultValue("10m") Duration reconcileInterval,
		@DefaultValue("5m") Duration rateWindow, @DefaultValue("168h") Duration historyRetention,
		@DefaultValue("168h") Duration alertRetention, @DefaultValue("1h") Duration acknowledgmentLapse,
		@DefaultValue Thresholds thresholds, @DefaultValue Map<String, AlertThresholds> queues,
		@DefaultValue Notifications notifications) {

	public MonitoringProperties {
		require(interval.toMillis() >= 1000, "batchyard.monitoring.interval must be at least 1s");
		require(countsRefresh.toMillis() >= 100, "batchyard.monitoring.counts-refresh must be at least 100ms");
		require(reconcileInterval.compareTo(countsRefresh) >= 0,
				"batchyard.monitoring.reconcile-interval must not be shorter than counts-refresh");
		require(rateWindow.compareTo(countsRefresh) >= 0 && rateWindow.toHours() <= 24,
				"batchyard.monitoring.rate-window must be between counts-refresh and 24h");
		require(historyRetention.toMinutes() >= 1, "batchyard.monitoring.history-retention must be at least 1m");
		require(alertRetention.toMinutes() >= 1, "batchyard.monitoring.alert-retention must be at least 1m");
		require(acknowledgmentLapse.toSeconds() >= 1, "batchyard.monitoring.acknowledgment-lapse must be at least 1s");
		thresholds.validate("batchyard.monitoring.thresholds");
		// a queue's own thresholds are checked with the catalog's for it, once the
		// catalog
		// is known (QueueAlertThresholds)
	}

	/**
	 * The thresholds that apply to a queue: its own values here, else the catalog's for
	 * it, else the common ones.
	 * @param queueName the queue
	 * @param catalog the alert thresholds the catalog sets for the queue
	 * @return the thresholds
	 */
	public Thresholds thresholdsOf(String queueName, AlertThresholds catalog) {
		AlertThresholds own = this.queues.getOrDefault(queueName, AlertThresholds.NONE);
		return this.thresholds.under(own.over(catalog));
	}

	static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * Warning and critical thresholds of each alert type. Defaults: depth 200 / 500 jobs,
	 * error rate 5 / 10 %, timeout rate 2 / 5 %, processing time p95 120 s / p99 300 s,
	 * memory 768 / 1024 MB (75 % and 100 % of a worker's hard limit).
	 *
	 * @param queueDepth waiting jobs
	 * @param errorRate percent
	 * @param timeoutRate percent
	 * @param processingTime ms: the warning applies to p95, the critical one to p99
	 * @param memoryUsage MB
	 */
	public record Thresholds(AlertThreshold queueDepth, AlertThreshold errorRate, AlertThreshold timeoutRate,
			AlertThreshold processingTime, AlertThreshold memoryUsage) {

		public Thresholds {
			queueDepth = orDefault(queueDepth, 200, 500);
			errorRate = orDefault(errorRate, 5, 10);
			timeoutRate = orDefault(timeoutRate, 2, 5);
			processingTime = orDefault(processingTime, 120_000, 300_000);
			memoryUsage = orDefault(memoryUsage, 768, 1024);
		}

		/**
		 * These thresholds under a queue's own: a value the queue sets wins.
		 * @param own the queue's thresholds
		 * @return the thresholds of the queue
		 */
		public Thresholds under(AlertThresholds own) {
			AlertThresholds merged = own.over(new AlertThresholds(this.queueDepth, this.errorRate, this.timeoutRate,
					this.processingTime, this.memoryUsage));
			return new Thresholds(merged.queueDepth(), merged.errorRate(), merged.timeoutRate(),
					merged.processingTime(), merged.memoryUsage());
		}

		private static AlertThreshold orDefault(AlertThreshold given, double warning, double critical) {
			return (given != null) ? given.over(new AlertThreshold(warning, critical))
					: new AlertThreshold(warning, critical);
		}

		/** The threshold of an alert type. */
		public AlertThreshold of(AlertType type) {
			return switch (type) {
				case QUEUE_DEPTH -> this.queueDepth;
				case ERROR_RATE -> this.errorRate;
				case TIMEOUT_RATE -> this.timeoutRate;
				case PROCESSING_TIME -> this.processingTime;
				case MEMORY_USAGE -> this.memoryUsage;
			};
		}

		/**
		 * Fails when a threshold is not positive or a warning is above its critical.
		 * @param prefix the property path the thresholds are named by in the message
		 * @throws IllegalArgumentException naming the property
		 */
		public void validate(String prefix) {
			for (AlertType type : AlertType.values()) {
				AlertThreshold threshold = of(type);
				String name = prefix + "." + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
				require(threshold.warning() == null || threshold.warning() > 0, name + ".warning must be positive");
				require(threshold.critical() == null || threshold.critical() > 0, name + ".critical must be positive");
				require(threshold.warning() == null || threshold.critical() == null
						|| threshold.warning() <= threshold.critical(),
						name + ".warning must not be above " + name + ".critical");
			}
		}

	}

	/**
	 * Where alert notifications go. Each channel has a minimum severity: a WARNING alert
	 * is not sent to a channel that wants CRITICAL ones only (its escalation is).
	 *
	 * @param log write a line to the log (logger {@code dev.batchyard.monitoring.alerts})
	 * @param webhooks HTTP endpoints that get a Slack-compatible JSON body
	 * @param email mail through Spring Mail ({@code spring.mail.*})
	 * @param maxAttempts delivery attempts per notification before it is given up (and
	 * logged)
	 * @param initialBackoff the wait before the second attempt; it doubles each time
	 * @param maxBackoff the longest wait between attempts
	 * @param deliveryInterval how often each node looks for notifications to deliver
	 */
	public record Notifications(@DefaultValue LogChannel log, @DefaultValue List<Webhook> webhooks,
			@DefaultValue EmailChannel email, @DefaultValue("8") int maxAttempts,
			@DefaultValue("1s") Duration initialBackoff, @DefaultValue("5m") Duration maxBackoff,
			@DefaultValue("1s") Duration deliveryInterval) {

		public Notifications {
			require(maxAttempts >= 1, "batchyard.monitoring.notifications.max-attempts must be at least 1");
			require(initialBackoff.toMillis() >= 1,
					"batchyard.monitoring.notifications.initial-backoff must be at least 1ms");
			require(maxBackoff.compareTo(initialBackoff) >= 0,
					"batchyard.monitoring.notifications.max-backoff must not be shorter than initial-backoff");
			require(deliveryInterval.toMillis() >= 10,
					"batchyard.monitoring.notifications.delivery-interval must be at least 10ms");
			for (Webhook webhook : webhooks) {
				require(webhook.name() != null && !webhook.name().isBlank() && webhook.url() != null
						&& webhook.url().startsWith("http"),
						"batchyard.monitoring.notifications.webhooks[] need a name and an http(s) url");
			}
		}

	}

	/**
	 * The log channel.
	 *
	 * @param enabled whether alerts are logged
	 * @param minSeverity the least severity logged
	 */
	public record LogChannel(@DefaultValue("true") boolean enabled,
			@DefaultValue("WARNING") AlertSeverity minSeverity) {
	}

	/**
	 * A webhook.
	 *
	 * @param name the channel's name (in the log and the outbox)
	 * @param url where to POST
	 * @param secret when set, the body's HMAC-SHA256 is sent in
	 * {@code X-Batchyard-Signature: sha256=<hex>}
	 * @param minSeverity the least severity sent
	 */
	public record Webhook(String name, String url, String secret, @DefaultValue("WARNING") AlertSeverity minSeverity) {
	}

	/**
	 * The email channel.
	 *
	 * @param to recipients; none: no email is sent
	 * @param from the sender
	 * @param minSeverity the least severity sent
	 */
	public record EmailChannel(@DefaultValue List<String> to, @DefaultValue("batchyard@localhost") String from,
			@DefaultValue("CRITICAL") AlertSeverity minSeverity) {
	}

}
