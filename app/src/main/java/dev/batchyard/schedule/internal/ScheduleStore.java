package dev.batchyard.schedule.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.batchyard.schedule.OverlapPolicy;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads and writes {@code schedule_meta}, in plain SQL that runs on H2 and PostgreSQL.
 * Callers own the transactions.
 *
 * @author Batchyard
 */
class ScheduleStore {

	private static final String COLUMNS = "name, type, queue_name, cron, timezone, payload, description, priority,"
			+ " enabled, last_run_at, next_run_at, run_count, last_fired_for, overlap_policy, last_job_id, pending_run";

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
		this.jdbc
			.sql("INSERT INTO schedule_meta (name, type, queue_name, cron, timezone, payload, description,"
					+ " priority, enabled, next_run_at, created_at, updated_at, overlap_policy)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(row.name(), row.type(), row.queueName(), row.cron(), row.timezone(), row.payload(),
					row.description(), row.priority(), row.enabled(), time(row.nextRunAt()), time(now), time(now),
					row.overlapPolicy().name())
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
		this.jdbc.sql("UPDATE schedule_meta SET type = ?, queue_name = ?, cron = ?, timezone = ?, payload = ?,"
				+ " description = ?, priority = ?, enabled = ?, next_run_at = ?, updated_at = ?, overlap_policy = ?,"
				+ " pending_run = pending_run AND ? WHERE name = ?")
			.params(row.type(), row.queueName(), row.cron(), row.timezone(), row.payload(), row.description(),
					row.priority(), row.enabled(), time(row.nextRunAt()), time(now), row.overlapPolicy().name(),
					row.enabled() && row.overlapPolicy() == OverlapPolicy.BUFFER_ONE, row.name())
			.update();
	}

	/** A firing of the trigger for {@code tick} enqueued job {@code jobId}. */
	void recordFiring(String name, Instant firedAt, Instant tick, Instant nextRunAt, long jobId) {
		this.jdbc
			.sql("UPDATE schedule_meta SET last_run_at = ?, last_fired_for = ?, next_run_at = ?,"
					+ " run_count = run_count + 1, last_job_id = ?, pending_run = FALSE WHERE name = ?")
			.params(time(firedAt), time(tick), time(nextRunAt), jobId, name)
			.update();
	}

	/**
	 * A firing for {@code tick} met an unfinished job and enqueued nothing; with
	 * {@code pendingRun} it leaves one run to start when that job finishes.
	 */
	void recordHeldBack(String name, Instant tick, Instant nextRunAt, boolean pendingRun) {
		this.jdbc
			.sql("UPDATE schedule_meta SET last_fired_for = ?, next_run_at = ?, pending_run = (pending_run OR ?)"
					+ " WHERE name = ?")
			.params(time(tick), time(nextRunAt), pendingRun, name)
			.update();
	}

	/** The names of schedules with a run waiting for their last job to finish. */
	List<String> withPendingRun() {
		return this.jdbc.sql("SELECT name FROM schedule_meta WHERE pending_run ORDER BY name")
			.query(String.class)
			.list();
	}

	/** The pending run of a schedule was enqueued as job {@code jobId}. */
	void recordPendingRun(String name, Instant ranAt, long jobId) {
		this.jdbc
			.sql("UPDATE schedule_meta SET last_run_at = ?, run_count = run_count + 1, last_job_id = ?,"
					+ " pending_run = FALSE WHERE name = ?")
			.params(time(ranAt), jobId, name)
			.update();
	}

	void dropPendingRun(String name) {
		this.jdbc.sql("UPDATE schedule_meta SET pending_run = FALSE WHERE name = ?").param(name).update();
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
				instant(rs, "next_run_at"), rs.getLong("run_count"), instant(rs, "last_fired_for"),
				OverlapPolicy.valueOf(rs.getString("overlap_policy")), rs.getObject("last_job_id", Long.class),
				rs.getBoolean("pending_run"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	private static OffsetDateTime time(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
