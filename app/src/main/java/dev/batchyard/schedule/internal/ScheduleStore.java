package dev.batchyard.schedule.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads and writes {@code schedule_meta}, in plain SQL that runs on H2 and PostgreSQL.
 * Callers own the transactions.
 *
 * @author Batchyard
 */
class ScheduleStore {

	private static final String COLUMNS = "name, type, queue_name, cron, timezone, payload, description, priority,"
			+ " enabled, last_run_at, next_run_at, run_count, last_fired_for";

	private final JdbcClient jdbc;

	ScheduleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM schedule_meta WHERE name = ?")
			.param(name)
			.query(Long.class)
			.single() > 0;
	}

	void insert(ScheduleRow row, Instant now) {
		this.jdbc.sql("INSERT INTO schedule_meta (name, type, queue_name, cron, timezone, payload, description,"
				+ " priority, enabled, next_run_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(row.name(), row.type(), row.queueName(), row.cron(), row.timezone(), row.payload(),
					row.description(), row.priority(), row.enabled(), time(row.nextRunAt()), time(now), time(now))
			.update();
	}

	Optional<ScheduleRow> find(String name) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM schedule_meta WHERE name = ?")
			.param(name)
			.query(ScheduleStore::row)
			.optional();
	}

	/**
	 * The row, locked until the transaction ends: a firing and a disable of the same
	 * schedule take turns, so once a disable has committed no firing enqueues.
	 */
	Optional<ScheduleRow> lock(String name) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM schedule_meta WHERE name = ? FOR UPDATE")
			.param(name)
			.query(ScheduleStore::row)
			.optional();
	}

	List<ScheduleRow> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM schedule_meta ORDER BY name")
			.query(ScheduleStore::row)
			.list();
	}

	void update(ScheduleRow row, Instant now) {
		this.jdbc
			.sql("UPDATE schedule_meta SET type = ?, queue_name = ?, cron = ?, timezone = ?, payload = ?,"
					+ " description = ?, priority = ?, enabled = ?, next_run_at = ?, updated_at = ? WHERE name = ?")
			.params(row.type(), row.queueName(), row.cron(), row.timezone(), row.payload(), row.description(),
					row.priority(), row.enabled(), time(row.nextRunAt()), time(now), row.name())
			.update();
	}

	/** A firing of the trigger for {@code tick} enqueued a job. */
	void recordFiring(String name, Instant firedAt, Instant tick, Instant nextRunAt) {
		this.jdbc
			.sql("UPDATE schedule_meta SET last_run_at = ?, last_fired_for = ?, next_run_at = ?,"
					+ " run_count = run_count + 1 WHERE name = ?")
			.params(time(firedAt), time(tick), time(nextRunAt), name)
			.update();
	}

	/** A trigger-now enqueued a job. */
	void recordRun(String name, Instant ranAt) {
		this.jdbc.sql("UPDATE schedule_meta SET last_run_at = ?, run_count = run_count + 1 WHERE name = ?")
			.params(time(ranAt), name)
			.update();
	}

	boolean delete(String name) {
		return this.jdbc.sql("DELETE FROM schedule_meta WHERE name = ?").param(name).update() > 0;
	}

	private static ScheduleRow row(ResultSet rs, int rowNum) throws SQLException {
		return new ScheduleRow(rs.getString("name"), rs.getString("type"), rs.getString("queue_name"),
				rs.getString("cron"), rs.getString("timezone"), rs.getString("payload"), rs.getString("description"),
				rs.getObject("priority", Integer.class), rs.getBoolean("enabled"), instant(rs, "last_run_at"),
				instant(rs, "next_run_at"), rs.getLong("run_count"), instant(rs, "last_fired_for"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	private static OffsetDateTime time(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
