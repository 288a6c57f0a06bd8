package dev.batchyard.limits.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import dev.batchyard.limits.TimeoutInput;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The timeout columns of {@code queue_state} ({@code timeout_ms},
 * {@code adaptive_timeout_enabled}, {@code soft_timeout_percentage}); {@code NULL} means
 * "the catalog's value". The row's other columns belong to pause and scaling: an update
 * touches only these (and {@code updated_at}, {@code updated_by}); a missing row is
 * inserted with the table's defaults for the rest. Plain SQL for H2 and PostgreSQL alike.
 *
 * @author Batchyard
 */
public class TimeoutOverrideStore {

	private final JdbcClient jdbc;

	public TimeoutOverrideStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Every queue's timeout overrides.
	 * @return the overrides by queue; queues without any are absent
	 */
	public Map<String, TimeoutInput> loadAll() {
		Map<String, TimeoutInput> overrides = new HashMap<>();
		this.jdbc
			.sql("SELECT queue_name, timeout_ms, adaptive_timeout_enabled, soft_timeout_percentage FROM queue_state "
					+ "WHERE timeout_ms IS NOT NULL OR adaptive_timeout_enabled IS NOT NULL "
					+ "OR soft_timeout_percentage IS NOT NULL")
			.query((rs) -> {
				overrides.put(rs.getString("queue_name"), new TimeoutInput(Upsert.longOrNull(rs, "timeout_ms"),
						booleanOrNull(rs, "adaptive_timeout_enabled"), intOrNull(rs, "soft_timeout_percentage")));
			});
		return overrides;
	}

	/**
	 * Saves the given values of a queue's override; {@code null} values leave the stored
	 * ones as they are.
	 * @param queueName the queue
	 * @param change the values to store
	 * @param actor who changes them
	 * @param at when
	 */
	public void save(String queueName, TimeoutInput change, String actor, Instant at) {
		Upsert.write(
				() -> write("UPDATE queue_state SET timeout_ms = COALESCE(:timeout, timeout_ms), "
						+ "adaptive_timeout_enabled = COALESCE(:adaptive, adaptive_timeout_enabled), "
						+ "soft_timeout_percentage = COALESCE(:soft, soft_timeout_percentage), updated_at = :at, "
						+ "updated_by = :actor WHERE queue_name = :name", queueName, change, actor, at),
				() -> write("INSERT INTO queue_state (queue_name, timeout_ms, adaptive_timeout_enabled, "
						+ "soft_timeout_percentage, updated_at, updated_by) VALUES (:name, :timeout, :adaptive, :soft, "
						+ ":at, :actor)", queueName, change, actor, at));
	}

	private int write(String sql, String queueName, TimeoutInput change, String actor, Instant at) {
		return this.jdbc.sql(sql)
			.param("name", queueName, Types.VARCHAR)
			.param("timeout", change.timeout(), Types.BIGINT)
			.param("adaptive", change.adaptiveEnabled(), Types.BOOLEAN)
			.param("soft", change.softTimeoutPercentage(), Types.INTEGER)
			.param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("actor", actor, Types.VARCHAR)
			.update();
	}

	private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static Boolean booleanOrNull(ResultSet rs, String column) throws SQLException {
		boolean value = rs.getBoolean(column);
		return rs.wasNull() ? null : value;
	}

}
