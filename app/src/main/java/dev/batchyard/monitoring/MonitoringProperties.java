package dev.batchyard.monitoring;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 * @param queues per-queue thresholds; a value given here beats {@code thresholds}
 * @param notifications where alert notifications go
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.monitoring")
public record MonitoringProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
		@DefaultValue("5s") Duration countsRefresh, @DefaultValue("10m") Duration reconcileInterval,
		@DefaultValue("5m") Duration rateWindow, @DefaultValue("168h") Duration historyRetention,
		@DefaultValue("168h") Duration alertRetention, @DefaultValue("1h") Duration acknowledgmentLapse,
		@DefaultValue Thresholds thresholds, @DefaultValue Map<String, QueueThresholds> queues,
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
		queues.forEach((queue, own) -> own.over(thresholds).validate("batchyard.monitoring.queues." + queue));
	}

	/**
	 * The thresholds that apply to a queue: its own values, else the common ones.
	 * @param queueName the queue
	 * @return the thresholds
	 */
	public Thresholds thresholdsOf(String queueName) {
		QueueThresholds own = this.queues.get(queueName);
		return (own != null) ? own.over(this.thresholds) : this.thresholds;
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
	public record Thresholds(Threshold queueDepth, Threshold errorRate, Threshold timeoutRate, Threshold processingTime,
			Threshold memoryUsage) {

		public Thresholds {
			queueDepth = Threshold.orDefault(queueDepth, 200, 500);
			errorRate = Threshold.orDefault(errorRate, 5, 10);
			timeoutRate = Threshold.orDefault(timeoutRate, 2, 5);
			processingTime = Threshold.orDefault(processingTime, 120_000, 300_000);
			memoryUsage = Threshold.orDefault(memoryUsage, 768, 1024);
		}

		/** The threshold of an alert type. */
		public Threshold of(AlertType type) {
			return switch (type) {
				case QUEUE_DEPTH -> this.queueDepth;
				case ERROR_RATE -> this.errorRate;
				case TIMEOUT_RATE -> this.timeoutRate;
				case PROCESSING_TIME -> this.processingTime;
				case MEMORY_USAGE -> this.memoryUsage;
			};
		}

		void validate(String prefix) {
			for (AlertType type : AlertType.values()) {
				Threshold threshold = of(type);
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
	 * One queue's own thresholds: a value not given is the common one.
	 *
	 * @param queueDepth waiting jobs
	 * @param errorRate percent
	 * @param timeoutRate percent
	 * @param processingTime ms (warning: p95, critical: p99)
	 * @param memoryUsage MB
	 */
	public record QueueThresholds(Threshold queueDepth, Threshold errorRate, Threshold timeoutRate,
			Threshold processingTime, Threshold memoryUsage) {

		Thresholds over(Thresholds common) {
			return new Thresholds(merge(this.queueDepth, common.queueDepth()),
					merge(this.errorRate, common.errorRate()), merge(this.timeoutRate, common.timeoutRate()),
					merge(this.processingTime, common.processingTime()), merge(this.memoryUsage, common.memoryUsage()));
		}

		private static Threshold merge(Threshold own, Threshold common) {
			return (own != null) ? own.over(common) : common;
		}

	}

	/**
	 * One alert type's two thresholds; a value is reached when the metric is at least it.
	 *
	 * @param warning the warning threshold, or null to inherit
	 * @param critical the critical threshold, or null to inherit
	 */
	public record Threshold(Double warning, Double critical) {

		static Threshold orDefault(Threshold given, double warning, double critical) {
			if (given == null) {
				return new Threshold(warning, critical);
			}
			return new Threshold((given.warning != null) ? given.warning : warning,
					(given.critical != null) ? given.critical : critical);
		}

		Threshold over(Threshold common) {
			return new Threshold((this.warning != null) ? this.warning : common.warning,
					(this.critical != null) ? this.critical : common.critical);
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
