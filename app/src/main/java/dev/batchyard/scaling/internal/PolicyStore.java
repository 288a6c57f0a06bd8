package dev.batchyard.scaling.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import dev.batchyard.scaling.ScalingPolicy.Cooldowns;
import dev.batchyard.scaling.ScalingPolicy.Thresholds;
import dev.batchyard.scaling.ScalingPolicyChange;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scaling columns of {@code queue_state}: an admin's policy changes ({@code NULL}:
 * the configured value) and the cluster's target per queue. The row's other columns
 * belong to pause and timeouts; a write touches only these. Plain SQL for H2 and
 * PostgreSQL alike.
 *
 * @author Batchyard
 */
final class PolicyStore {

	private static final String COLUMNS = "queue_name, min_workers, max_workers, scale_up_queue_depth,"
			+ " scale_up_latency_ms, scale_up_cpu_percent, scale_up_memory_percent, scale_down_queue_depth,"
			+ " scale_down_latency_ms, scale_down_cpu_percent, scale_down_memory_percent, cooldown_up_seconds,"
			+ " cooldown_down_seconds";

	private final JdbcClient jdbc;

	PolicyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every queue's admin changes, by queue; queues without a row are absent. */
	Map<String, ScalingPolicyChange> changes() {
		Map<String, ScalingPolicyChange> changes = new HashMap<>();
		this.jdbc.sql("SELECT " + COLUMNS + " FROM queue_state").query((rs) -> {
			changes.put(rs.getString("queue_name"), change(rs));
		});
		return changes;
	}

	/**
	 * Stores the values a change gives; its {@code null} values leave the stored ones.
	 */
	void save(String queueName, ScalingPolicyChange change, String actor, Instant at) {
		ensureRow(queueName);
		Thresholds up = orEmpty(change.scaleUpThreshold());
		Thresholds down = orEmpty(change.scaleDownThreshold());
		Cooldowns cooldowns = (change.cooldownSeconds() != null) ? change.cooldownSeconds() : new Cooldowns(null, null);
		this.jdbc
			.sql("UPDATE queue_state SET min_workers = COALESCE(:min, min_workers),"
					+ " max_workers = COALESCE(:max, max_workers),"
					+ " scale_up_queue_depth = COALESCE(:upDepth, scale_up_queue_depth),"
					+ " scale_up_latency_ms = COALESCE(:upLatency, scale_up_latency_ms),"
					+ " scale_up_cpu_percent = COALESCE(:upCpu, scale_up_cpu_percent),"
					+ " scale_up_memory_percent = COALESCE(:upMemory, scale_up_memory_percent),"
					+ " scale_down_queue_depth = COALESCE(:downDepth, scale_down_queue_depth),"
					+ " scale_down_latency_ms = COALESCE(:downLatency, scale_down_latency_ms),"
					+ " scale_down_cpu_percent = COALESCE(:downCpu, scale_down_cpu_percent),"
					+ " scale_down_memory_percent = COALESCE(:downMemory, scale_down_memory_percent),"
					+ " cooldown_up_seconds = COALESCE(:cooldownUp, cooldown_up_seconds),"
					+ " cooldown_down_seconds = COALESCE(:cooldownDown, cooldown_down_seconds),"
					+ " updated_at = :at, updated_by = :actor WHERE queue_name = :name")
			.param("min", change.minWorkers(), Types.INTEGER)
			.param("max", change.maxWorkers(), Types.INTEGER)
			.param("upDepth", up.queueDepth(), Types.INTEGER)
			.param("upLatency", up.queueLatencyMs(), Types.BIGINT)
			.param("upCpu", up.cpuPercent(), Types.DOUBLE)
			.param("upMemory", up.memoryPercent(), Types.DOUBLE)
			.param("downDepth", down.queueDepth(), Types.INTEGER)
			.param("downLatency", down.queueLatencyMs(), Types.BIGINT)
			.param("downCpu", down.cpuPercent(), Types.DOUBLE)
			.param("downMemory", down.memoryPercent(), Types.DOUBLE)
			.param("cooldownUp", cooldowns.scaleUp(), Types.INTEGER)
			.param("cooldownDown", cooldowns.scaleDown(), Types.INTEGER)
			.param("at", utc(at), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("actor", actor, Types.VARCHAR)
			.param("name", queueName, Types.VARCHAR)
			.update();
	}

	/** The cluster's target per queue; queues the service never sized are absent. */
	Map<String, Integer> targets() {
		Map<String, Integer> targets = new HashMap<>();
		this.jdbc.sql("SELECT queue_name, target_workers FROM queue_state WHERE target_workers IS NOT NULL")
			.query((rs) -> {
				targets.put(rs.getString("queue_name"), rs.getInt("target_workers"));
			});
		return targets;
	}

	void saveTarget(String queueName, int target, Instant at) {
		ensureRow(queueName);
		this.jdbc
			.sql("UPDATE queue_state SET target_workers = :target, target_changed_at = :at WHERE queue_name = :name")
			.param("target", target, Types.INTEGER)
			.param("at", utc(at), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("name", queueName, Types.VARCHAR)
			.update();
	}

	/** Forgets every target: with the service off, pools keep their configured size. */
	void clearTargets() {
		this.jdbc.sql("UPDATE queue_state SET target_workers = NULL WHERE target_workers IS NOT NULL").update();
	}

	private void ensureRow(String queueName) {
		try {
			this.jdbc
				.sql("INSERT INTO queue_state (queue_name) SELECT :name WHERE NOT EXISTS"
						+ " (SELECT 1 FROM queue_state WHERE queue_name = :name)")
				.param("name", queueName, Types.VARCHAR)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// another node inserted the row in between: it exists now
		}
	}

	private static ScalingPolicyChange change(ResultSet rs) throws SQLException {
		return new ScalingPolicyChange(integer(rs, "min_workers"), integer(rs, "max_workers"),
				new Thresholds(integer(rs, "scale_up_queue_depth"), longValue(rs, "scale_up_latency_ms"),
						doubleValue(rs, "scale_up_cpu_percent"), doubleValue(rs, "scale_up_memory_percent")),
				new Thresholds(integer(rs, "scale_down_queue_depth"), longValue(rs, "scale_down_latency_ms"),
						doubleValue(rs, "scale_down_cpu_percent"), doubleValue(rs, "scale_down_memory_percent")),
				new Cooldowns(integer(rs, "cooldown_up_seconds"), integer(rs, "cooldown_down_seconds")));
	}

	private static Thresholds orEmpty(Thresholds thresholds) {
		return (thresholds != null) ? thresholds : new Thresholds(null, null, null, null);
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static Long longValue(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static Double doubleValue(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

	static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
