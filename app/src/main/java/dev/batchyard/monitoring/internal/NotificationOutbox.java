package dev.batchyard.monitoring.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.monitoring.Alert;
import dev.batchyard.monitoring.AlertChanged;
import dev.batchyard.monitoring.MonitoringProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert notifications still to deliver ({@code alert_notification}). A notification
 * is written in the transaction that changes its alert, so it is never lost; any node
 * delivers it (see {@link NotificationSender}), retrying with backoff. Each row is one
 * alert change for one channel: {@code webhook:<name>} or {@code email}.
 *
 * @author Batchyard
 */
public final class NotificationOutbox {

	static final String EMAIL = "email";

	static final String WEBHOOK = "webhook:";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final MonitoringProperties.Notifications settings;

	private final Clock clock;

	public NotificationOutbox(JdbcClient jdbc, JsonMapper json, MonitoringProperties.Notifications settings,
			Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.settings = settings;
		this.clock = clock;
	}

	/** Writes one notification per channel that wants the alert's severity. */
	public void add(Alert alert, AlertChanged.Change change) {
		String body = this.json.writeValueAsString(body(alert, change));
		for (MonitoringProperties.Webhook webhook : this.settings.webhooks()) {
			if (alert.severity().atLeast(webhook.minSeverity())) {
				insert(alert.id(), change, WEBHOOK + webhook.name(), body);
			}
		}
		MonitoringProperties.EmailChannel email = this.settings.email();
		if (!email.to().isEmpty() && alert.severity().atLeast(email.minSeverity())) {
			insert(alert.id(), change, EMAIL, body);
		}
	}

	private void insert(long alertId, AlertChanged.Change change, String channel, String body) {
		Instant now = this.clock.instant();
		this.jdbc
			.sql("INSERT INTO alert_notification (alert_id, event, channel, body, attempts, next_attempt_at,"
					+ " created_at) VALUES (:alert, :event, :channel, :body, 0, :now, :now)")
			.param("alert", alertId)
			.param("event", change.name())
			.param("channel", channel)
			.param("body", body)
			.param("now", Times.sql(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	/** Due notifications, oldest first. */
	List<Pending> due(int limit) {
		return this.jdbc
			.sql("SELECT id, channel, body, attempts, next_attempt_at FROM alert_notification"
					+ " WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= :now ORDER BY id LIMIT "
					+ limit)
			.param("now", Times.sql(this.clock.instant()), Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs, row) -> new Pending(rs.getLong("id"), rs.getString("channel"), rs.getString("body"),
					rs.getInt("attempts"), Times.instant(rs, "next_attempt_at")))
			.list();
	}

	/**
	 * Takes a due notification for one delivery attempt: no other node tries it until
	 * {@code lease} has passed. False when another node took it first.
	 */
	boolean claim(Pending pending, Duration lease) {
		return this.jdbc
			.sql("UPDATE alert_notification SET attempts = attempts + 1, next_attempt_at = :lease"
					+ " WHERE id = :id AND attempts = :attempts AND sent_at IS NULL AND given_up_at IS NULL")
			.param("lease", Times.sql(this.clock.instant().plus(lease)), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", pending.id())
			.param("attempts", pending.attempts())
			.update() == 1;
	}

	void sent(long id) {
		this.jdbc.sql("UPDATE alert_notification SET sent_at = :now, last_error = NULL WHERE id = :id")
			.param("now", Times.sql(this.clock.instant()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", id)
			.update();
	}

	/** Records a failed attempt: retried after {@code retryIn}, or given up. */
	void failed(long id, String error, Duration retryIn, boolean giveUp) {
		Instant now = this.clock.instant();
		this.jdbc
			.sql("UPDATE alert_notification SET last_error = :error, next_attempt_at = :next"
					+ (giveUp ? ", given_up_at = :now" : "") + " WHERE id = :id")
			.param("error", (error.length() > 1000) ? error.substring(0, 1000) : error)
			.param("next", Times.sql(now.plus(retryIn)), Types.TIMESTAMP_WITH_TIMEZONE)
			.params(giveUp ? Map.of("now", Times.sql(now)) : Map.of())
			.param("id", id)
			.update();
	}

	/** Deletes notifications created before the given time that are done with. */
	public int prune(Instant before) {
		return this.jdbc
			.sql("DELETE FROM alert_notification WHERE created_at < :before"
					+ " AND (sent_at IS NOT NULL OR given_up_at IS NOT NULL)")
			.param("before", Times.sql(before), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	static Map<String, Object> body(Alert alert, AlertChanged.Change change) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("event", change.name());
		body.put("id", String.valueOf(alert.id()));
		body.put("severity", alert.severity().name());
		body.put("queueName", alert.queueName());
		body.put("type", alert.type().name());
		body.put("message", alert.message());
		body.put("value", alert.value());
		body.put("threshold", alert.threshold());
		body.put("timestamp", String.valueOf(alert.timestamp()));
		body.put("acknowledged", alert.acknowledged());
		body.put("acknowledgedBy", alert.acknowledgedBy());
		body.put("resolvedAt", (alert.resolvedAt() != null) ? alert.resolvedAt().toString() : null);
		return body;
	}

	/**
	 * A notification to deliver.
	 *
	 * @param id its id
	 * @param channel {@code webhook:<name>} or {@code email}
	 * @param body the alert change as JSON
	 * @param attempts delivery attempts so far
	 * @param nextAttemptAt when it became due
	 */
	record Pending(long id, String channel, String body, int attempts, Instant nextAttemptAt) {
	}

}
