package dev.batchyard.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.batchyard.monitoring.Alert;
import dev.batchyard.monitoring.AlertSeverity;
import dev.batchyard.monitoring.AlertType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The {@code alert} table: at most one active (unresolved) row per queue and type.
 *
 * @author Batchyard
 */
public final class AlertStore {

	private static final String COLUMNS = "id, severity, queue_name, type, message, observed_value, threshold,"
			+ " raised_at, created_at, acknowledged, acknowledged_by, acknowledged_at, resolved_at";

	private final JdbcClient jdbc;

	public AlertStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every active alert. */
	public List<Alert> active() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM alert WHERE resolved_at IS NULL ORDER BY id")
			.query(AlertStore::alert)
			.list();
	}

	/** How many alerts are active, by severity (WARNING, CRITICAL). */
	public long[] activeBySeverity() {
		long[] counts = new long[2];
		this.jdbc.sql("SELECT severity, COUNT(*) AS n FROM alert WHERE resolved_at IS NULL GROUP BY severity")
			.query((rs) -> {
				counts[AlertSeverity.valueOf(rs.getString("severity")).ordinal()] = rs.getLong("n");
			});
		return counts;
	}

	public Optional<Alert> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM alert WHERE id = :id")
			.param("id", id)
			.query(AlertStore::alert)
			.optional();
	}

	/**
	 * Alerts that match, newest first: active ones, and resolved ones when
	 * {@code includeResolved}.
	 */
	public List<Alert> search(AlertSeverity severity, String queueName, Boolean acknowledged, boolean includeResolved,
			int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		if (!includeResolved) {
			sql.append(" AND resolved_at IS NULL");
		}
		if (severity != null) {
			sql.append(" AND severity = ?");
			params.add(severity.name());
		}
		if (queueName != null) {
			sql.append(" AND queue_name = ?");
			params.add(queueName);
		}
		if (acknowledged != null) {
			sql.append(" AND acknowledged = ?");
			params.add(acknowledged);
		}
		sql.append(" ORDER BY raised_at DESC, id DESC LIMIT ").append(limit);
		return this.jdbc.sql(sql.toString()).params(params).query(AlertStore::alert).list();
	}

	public long insert(String queueName, AlertType type, AlertSeverity severity, String message, double value,
			double threshold, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO alert (severity, queue_name, type, message, observed_value, threshold, raised_at,"
					+ " created_at) VALUES (:severity, :queue, :type, :message, :value, :threshold, :now, :now)")
			.param("severity", severity.name())
			.param("queue", queueName)
			.param("type", type.name())
			.param("message", message)
			.param("value", value)
			.param("threshold", threshold)
			.param("now", Times.sql(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/**
	 * Writes the current value (and a higher severity); an escalation clears the
	 * acknowledgment.
	 */
	public void update(long id, AlertSeverity severity, String message, double value, double threshold,
			boolean escalated) {
		this.jdbc
			.sql("UPDATE alert SET severity = :severity, message = :message, observed_value = :value,"
					+ " threshold = :threshold" + (escalated ? ", acknowledged = FALSE" : "") + " WHERE id = :id")
			.param("severity", severity.name())
			.param("message", message)
			.param("value", value)
			.param("threshold", threshold)
			.param("id", id)
			.update();
	}

	/** Raises an alert again: its acknowledgment lapsed while the condition held. */
	public void reraise(long id, Instant now) {
		this.jdbc.sql("UPDATE alert SET acknowledged = FALSE, raised_at = :now WHERE id = :id")
			.param("now", Times.sql(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", id)
			.update();
	}

	public void resolve(long id, Instant now) {
		this.jdbc.sql("UPDATE alert SET resolved_at = :now WHERE id = :id AND resolved_at IS NULL")
			.param("now", Times.sql(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", id)
			.update();
	}

	/** Records an acknowledgment; false when there is no such alert. */
	public boolean acknowledge(long id, String actor, Instant now) {
		return this.jdbc
			.sql("UPDATE alert SET acknowledged = TRUE, acknowledged_by = :actor, acknowledged_at = :now"
					+ " WHERE id = :id")
			.param("actor", actor)
			.param("now", Times.sql(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", id)
			.update() > 0;
	}

	/** Deletes alerts resolved before the given time. */
	public int prune(Instant resolvedBefore) {
		return this.jdbc.sql("DELETE FROM alert WHERE resolved_at < :before")
			.param("before", Times.sql(resolvedBefore), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	static Alert alert(ResultSet rs, int row) throws SQLException {
		return new Alert(rs.getLong("id"), AlertSeverity.valueOf(rs.getString("severity")), rs.getString("queue_name"),
				AlertType.valueOf(rs.getString("type")), rs.getString("message"), rs.getDouble("observed_value"),
				rs.getDouble("threshold"), Times.instant(rs, "raised_at"), Times.instant(rs, "created_at"),
				rs.getBoolean("acknowledged"), rs.getString("acknowledged_by"), Times.instant(rs, "acknowledged_at"),
				Times.instant(rs, "resolved_at"));
	}

}
