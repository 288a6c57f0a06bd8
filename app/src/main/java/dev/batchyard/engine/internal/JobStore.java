package dev.batchyard.engine.internal;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobFailure;
import dev.batchyard.engine.JobState;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The job table is the queue (README "Architecture", decision 1): every read and write of
 * jobs, in plain SQL that runs on H2 and PostgreSQL alike. Callers own the transactions.
 * <p>
 * Every write of an attempt's outcome is guarded by {@code state = 'active'}, the node
 * and the attempt number: if the job was cancelled, rescued or handed back meanwhile, the
 * outcome of the stale attempt changes nothing.
 *
 * @author Batchyard
 */
class JobStore {

	static final String CLAIM_SQL = "SELECT id, queue_name, type, payload, attempts, max_attempts, backoff_type,"
			+ " backoff_delay_ms, backoff_max_delay_ms, backoff_delays_ms, backoff_jitter, timeout_ms, run_at, created_at FROM job"
			+ " WHERE queue_name = ? AND state IN ('waiting','delayed') AND run_at <= ?"
			+ " ORDER BY priority, run_at, id LIMIT ? FOR UPDATE SKIP LOCKED";

	/**
	 * PostgreSQL's claim: the same selection as {@link #CLAIM_SQL} (and its index), the
	 * pause check and the update in one statement and one round trip, in autocommit. The
	 * limit is written into the statement, not bound: with a bound limit the generic plan
	 * guesses a tenth of the table and joins it by hash over a scan of the whole job
	 * table, so PostgreSQL keeps planning every claim anew, which cost about as much as
	 * running it. With the limit written in (one statement per limit, at most
	 * {@code batchyard.engine.claim-batch} of them), the generic plan is the custom one
	 * and is kept after a few executions.
	 * <p>
	 * The locked selection sits in {@code id = ANY (ARRAY(...))}, not
	 * {@code id IN (...)}: an array sublink is an init plan, run exactly once, so the
	 * claim never updates more rows than its limit. With {@code IN}, PostgreSQL may plan
	 * a nested-loop semi join (it did on a fresh database under load) that runs the
	 * locking subquery again for every outer row, each run skipping the rows earlier runs
	 * locked: a claim of one job updated thousands. The array's ids still find their rows
	 * by primary key.
	 * @param limit the most jobs to claim
	 * @return the statement
	 */
	static String claimReturningSql(int limit) {
		return claimReturningSql(limit, false);
	}

	/**
	 * The claim of {@link #claimReturningSql(int)}, starting at a key of the claim index
	 * when {@code fromKey}: {@code (priority, run_at, id) >= (?, ?, ?)} is a range
	 * condition on {@code job_claim_idx}, so the scan begins there instead of at the
	 * front of the queue (see {@link ClaimKey}).
	 */
	static String claimReturningSql(int limit, boolean fromKey) {
		return "UPDATE job SET state = 'active', attempts = attempts + 1,"
				+ " started_at = ?, node_id = ?, worker_id = ?, lease_expires_at = ?, progress = 0 WHERE id = ANY (ARRAY("
				+ "SELECT id FROM job WHERE queue_name = ? AND state IN ('waiting','delayed') AND run_at <= ?"
				+ (fromKey ? " AND (priority, run_at, id) >= (?, ?, ?)" : "")
				+ " AND NOT EXISTS (SELECT 1 FROM queue_state WHERE queue_name = ? AND paused)"
				+ " ORDER BY priority, run_at, id LIMIT " + limit + " FOR UPDATE SKIP LOCKED))"
				+ " RETURNING id, queue_name, type, payload, attempts, max_attempts, backoff_type, backoff_delay_ms,"
				+ " backoff_max_delay_ms, backoff_delays_ms, backoff_jitter, timeout_ms, run_at, created_at, priority";
	}

	/**
	 * PostgreSQL's completion of a batch: the guarded update of every job of the batch,
	 * with its result and duration, from arrays, in one statement. Rows are found by
	 * primary key ({@code id = ANY}) and each row's attempt, result and duration are
	 * looked up in the arrays rather than joined: the planner, seeing few rows, ran a
	 * join against {@code unnest} as a nested loop (quadratic in the batch: 160 ms for
	 * 1,000 jobs instead of 16). The state is compared as an expression no index matches,
	 * or the planner reads the "active" partial index, which holds an entry for every job
	 * completed since the last vacuum.
	 */
	static final String COMPLETE_ALL_SQL = "UPDATE job j SET state = 'completed', finished_at = ?, progress = 100,"
			+ " lease_expires_at = NULL, result = (?::text[])[array_position(?::bigint[], j.id)],"
			+ " duration_ms = (?::bigint[])[array_position(?::bigint[], j.id)],"
			+ " allocated_mb = (?::float8[])[array_position(?::bigint[], j.id)] WHERE j.id = ANY (?)"
			+ " AND j.attempts = (?::integer[])[array_position(?::bigint[], j.id)] AND (j.state || '') = 'active'"
			+ " AND j.node_id = ? RETURNING j.id";

	static final String JOB_COLUMNS = "j.id, j.queue_name, j.type, j.state, j.priority, j.payload,"
			+ " j.progress, j.attempts, j.max_attempts, j.run_at, j.created_at, j.started_at, j.finished_at,"
			+ " j.worker_id, j.dedupe_key, j.result, j.duration_ms, j.enqueued_by, j.allocated_mb";

	private static final String INSERT_SQL = "INSERT INTO job (queue_name, type, state, priority, payload,"
			+ " max_attempts, backoff_type, backoff_delay_ms, backoff_max_delay_ms, backoff_delays_ms, backoff_jitter, timeout_ms,"
			+ " dedupe_key, schedule_name, run_at, created_at, enqueued_by)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final int RENEW_CHUNK = 500;

	private static final String OUTCOME_GUARD = " WHERE id = ? AND state = 'active' AND node_id = ? AND attempts = ?";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final boolean postgres;

	/** Each limit's claim, built once: the driver looks every claim up by its text. */
	private final Map<Integer, String> claimsByLimit = new ConcurrentHashMap<>();

	/** The same, starting at a key of the claim index. */
	private final Map<Integer, String> claimsFromKeyByLimit = new ConcurrentHashMap<>();

	JobStore(JdbcClient jdbc, JdbcTemplate template, boolean postgres) {
		this.jdbc = jdbc;
		this.template = template;
		this.postgres = postgres;
	}

	/** Whether {@link #claimInOneStatement} is available (PostgreSQL). */
	boolean claimsInOneStatement() {
		return this.postgres;
	}

	/**
	 * Whether {@link #completeAll} writes in one statement (PostgreSQL), so that it needs
	 * no transaction around it.
	 */
	boolean completesInOneStatement() {
		return this.postgres;
	}

	/**
	 * Claims like {@link #claim} in one statement, outside any transaction; nothing when
	 * the queue is paused. Jobs come back in claim order.
	 * @param from where in the queue's claim order to start, or null for its front
	 */
	Claim claimInOneStatement(String queueName, int limit, String nodeId, String workerId, Instant now,
			Instant leaseUntil, ClaimKey from) {
		List<ClaimKey> keys = new ArrayList<>();
		RowMapper<ClaimedJob> mapper = (rs, row) -> {
			keys.add(new ClaimKey(rs.getInt("priority"), rs.getObject("run_at", OffsetDateTime.class),
					rs.getLong("id")));
			return startedAt(claimed(rs, 0), now);
		};
		List<ClaimedJob> claimed = (from != null)
				? this.template.query(
						this.claimsFromKeyByLimit.computeIfAbsent(limit, (n) -> claimReturningSql(n, true)), mapper,
						time(now), nodeId, workerId, time(leaseUntil), queueName, time(now), from.priority(),
						from.runAt(), from.id(), queueName)
				: this.template.query(this.claimsByLimit.computeIfAbsent(limit, JobStore::claimReturningSql), mapper,
						time(now), nodeId, workerId, time(leaseUntil), queueName, time(now), queueName);
		// RETURNING keeps no order: start the most urgent first
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < claimed.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparing(keys::get, ClaimKey.ORDER));
		return new Claim(order.stream().map(claimed::get).toList(), order.isEmpty() ? null : keys.get(order.get(0)));
	}

	long insert(NewJob job) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql(INSERT_SQL).params(insertValues(job)).update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private static Object[] insertValues(NewJob job) {
		return new Object[] { job.queueName(), job.type(), job.state().column(), job.priority(), job.payload(),
				job.maxAttempts(), job.backoff().type().name(), Backoffs.delayMs(job.backoff()),
				Backoffs.maxDelayMs(job.backoff()), Backoffs.delaysMs(job.backoff()), job.backoff().jitter(),
				job.timeoutMs(), job.dedupeKey(), job.scheduleName(), time(job.runAt()), time(job.createdAt()),
				job.enqueuedBy() };
	}

	/** Inserts jobs in one JDBC batch; their ids in order. */
	List<Long> insertAll(List<NewJob> jobs) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.template.batchUpdate((connection) -> connection.prepareStatement(INSERT_SQL, new String[] { "id" }),
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement statement, int i) throws SQLException {
						Object[] values = insertValues(jobs.get(i));
						for (int column = 0; column < values.length; column++) {
							statement.setObject(column + 1, values[column]);
						}
					}

					@Override
					public int getBatchSize() {
						return jobs.size();
					}

				}, keys);
		return keys.getKeyList().stream().map((key) -> ((Number) key.get("id")).longValue()).toList();
	}

	Optional<Long> findUnfinishedByDedupeKey(String queueName, String dedupeKey) {
		return this.jdbc
			.sql("SELECT id FROM job WHERE queue_name = ? AND dedupe_key = ?"
					+ " AND state IN ('waiting','delayed','active')")
			.params(queueName, dedupeKey)
			.query(Long.class)
			.optional();
	}

	Optional<Job> find(long id) {
		Optional<Job> job = this.jdbc.sql("SELECT " + JOB_COLUMNS + " FROM job j WHERE j.id = ?")
			.param(id)
			.query(jobMapper())
			.optional();
		return job.map((found) -> withDetails(found));
	}

	List<Job> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT " + JOB_COLUMNS + " FROM job j WHERE j.id IN (" + placeholders(ids.size()) + ") ORDER BY j.id")
			.params(List.copyOf(ids))
			.query(jobMapper())
			.list();
	}

	boolean isPaused(String queueName) {
		return this.jdbc.sql("SELECT paused FROM queue_state WHERE queue_name = ?")
			.param(queueName)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * Claims up to {@code limit} ready jobs of a queue in priority, runAt, id order,
	 * skipping rows other nodes hold. Must run in a transaction.
	 */
	List<ClaimedJob> claim(String queueName, int limit, String nodeId, String workerId, Instant now,
			Instant leaseUntil) {
		List<ClaimedJob> ready = this.template.query(CLAIM_SQL, (rs, row) -> claimed(rs, 1), queueName, time(now),
				limit);
		if (ready.isEmpty()) {
			return ready;
		}
		List<Object> params = new ArrayList<>(List.of(time(now), nodeId, workerId, time(leaseUntil)));
		ready.forEach((job) -> params.add(job.id()));
		this.template.update("UPDATE job SET state = 'active', attempts = attempts + 1, started_at = ?,"
				+ " node_id = ?, worker_id = ?, lease_expires_at = ?, progress = 0 WHERE id IN ("
				+ placeholders(ready.size()) + ")", params.toArray());
		return ready.stream().map((job) -> startedAt(job, now)).toList();
	}

	/**
	 * Records completed attempts; attempts that no longer own their job (cancelled,
	 * rescued) are skipped. On PostgreSQL one statement writes the whole batch (one
	 * parse, one round trip, whatever its size); elsewhere two JDBC batches.
	 * @return the completions written
	 */
	List<CompletionWriter.Completion> completeAll(List<CompletionWriter.Completion> completions, String nodeId,
			Instant now) {
		Set<Long> written = this.postgres ? completeAllInOneStatement(completions, nodeId, now)
				: completeAllInBatches(completions, nodeId, now);
		return completions.stream().filter((done) -> written.contains(done.job().id())).toList();
	}

	private Set<Long> completeAllInOneStatement(List<CompletionWriter.Completion> completions, String nodeId,
			Instant now) {
		Long[] ids = new Long[completions.size()];
		Integer[] attempts = new Integer[ids.length];
		String[] results = new String[ids.length];
		Long[] durations = new Long[ids.length];
		Double[] allocated = new Double[ids.length];
		for (int i = 0; i < ids.length; i++) {
			CompletionWriter.Completion done = completions.get(i);
			ids[i] = done.job().id();
			attempts[i] = done.job().attempt();
			results[i] = done.resultJson();
			durations[i] = done.durationMs();
			allocated[i] = done.allocatedMb();
		}
		OffsetDateTime at = time(now);
		List<Long> written = this.template.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(COMPLETE_ALL_SQL);
			Array jobIds = connection.createArrayOf("bigint", ids);
			statement.setObject(1, at);
			statement.setArray(2, connection.createArrayOf("text", results));
			statement.setArray(3, jobIds);
			statement.setArray(4, connection.createArrayOf("bigint", durations));
			statement.setArray(5, jobIds);
			statement.setArray(6, connection.createArrayOf("float8", allocated));
			statement.setArray(7, jobIds);
			statement.setArray(8, jobIds);
			statement.setArray(9, connection.createArrayOf("integer", attempts));
			statement.setArray(10, jobIds);
			statement.setString(11, nodeId);
			return statement;
		}, (rs, row) -> rs.getLong(1));
		return new HashSet<>(written);
	}

	private Set<Long> completeAllInBatches(List<CompletionWriter.Completion> completions, String nodeId, Instant now) {
		OffsetDateTime at = time(now);
		int[] updated = this.template.batchUpdate(
				"UPDATE job SET state = 'completed', finished_at = ?,"
						+ " progress = 100, lease_expires_at = NULL, result = ?, duration_ms = ?, allocated_mb = ?"
						+ OUTCOME_GUARD,
				completions.stream()
					.map((done) -> new Object[] { at, done.resultJson(), done.durationMs(), done.allocatedMb(),
							done.job().id(), nodeId, done.job().attempt() })
					.toList());
		Set<Long> written = new HashSet<>();
		for (int i = 0; i < completions.size(); i++) {
			if (updated[i] != 0) {
				written.add(completions.get(i).job().id());
			}
		}
		return written;
	}

	/**
	 * Records a failed attempt and moves the job to {@code next} (delayed for a retry at
	 * {@code runAt}, or failed for good); false when the attempt no longer owns the job.
	 */
	boolean fail(ClaimedJob job, String nodeId, JobFailure failure, JobState next, Instant runAt, Instant now) {
		int updated = this.jdbc
			.sql("UPDATE job SET state = ?, run_at = ?, finished_at = ?, lease_expires_at = NULL, last_error = ?"
					+ OUTCOME_GUARD)
			.params(next.column(), time(runAt), (next == JobState.FAILED) ? time(now) : null,
					truncate(failure.errorMessage(), 1000), job.id(), nodeId, job.attempt())
			.update();
		if (updated == 0) {
			return false;
		}
		insertFailure(job.id(), failure);
		return true;
	}

	/** Puts the job back to delayed without spending the attempt (a closed limiter). */
	boolean defer(ClaimedJob job, String nodeId, Instant runAt) {
		return this.jdbc
			.sql("UPDATE job SET state = 'delayed', run_at = ?, attempts = attempts - 1, lease_expires_at = NULL"
					+ OUTCOME_GUARD)
			.params(time(runAt), job.id(), nodeId, job.attempt())
			.update() == 1;
	}

	/**
	 * Hands active jobs of a stopping node back to {@code waiting} without spending their
	 * attempt.
	 */
	int handBack(String nodeId, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		List<Object> params = new ArrayList<>(List.of(nodeId));
		params.addAll(ids);
		return this.template.update("UPDATE job SET state = 'waiting', attempts = attempts - 1, node_id = NULL,"
				+ " lease_expires_at = NULL WHERE state = 'active' AND node_id = ? AND id IN ("
				+ placeholders(ids.size()) + ")", params.toArray());
	}

	void progress(long jobId, int percent) {
		this.jdbc.sql("UPDATE job SET progress = ? WHERE id = ? AND state = 'active'").params(percent, jobId).update();
	}

	void log(long jobId, String line, Instant now, int maxLines) {
		int seq = this.jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM job_log WHERE job_id = ?")
			.param(jobId)
			.query(Integer.class)
			.single();
		this.jdbc.sql("INSERT INTO job_log (job_id, seq, logged_at, line) VALUES (?, ?, ?, ?)")
			.params(jobId, seq, time(now), truncate(line, 4000))
			.update();
		if (seq > maxLines) {
			this.jdbc.sql("DELETE FROM job_log WHERE job_id = ? AND seq <= ?").params(jobId, seq - maxLines).update();
		}
	}

	/**
	 * Renews, to {@code until}, the leases of the given jobs that this node still owns
	 * and that expire before {@code dueBefore} (a lease renewed a moment ago is left
	 * alone: most jobs finish before their first renewal). Each chunk commits on its own,
	 * so no row stays locked for the whole renewal. Rows are found by primary key: the
	 * state is compared as an expression no index matches (see
	 * {@link #COMPLETE_ALL_SQL}).
	 */
	int renewLeases(String nodeId, Collection<Long> jobIds, Instant dueBefore, Instant until) {
		List<Long> ids = jobIds.stream().sorted().toList();
		int renewed = 0;
		for (int from = 0; from < ids.size(); from += RENEW_CHUNK) {
			List<Long> chunk = ids.subList(from, Math.min(from + RENEW_CHUNK, ids.size()));
			List<Object> params = new ArrayList<>(List.of(time(until), nodeId, time(dueBefore)));
			params.addAll(chunk);
			renewed += this.template.update("UPDATE job SET lease_expires_at = ? WHERE node_id = ?"
					+ " AND (state || '') = 'active' AND lease_expires_at < ? AND id IN (" + placeholders(chunk.size())
					+ ")", params.toArray());
		}
		return renewed;
	}

	/** Of the given running jobs, those this node no longer owns (cancelled, rescued). */
	List<Long> notOwned(String nodeId, Collection<Long> running) {
		if (running.isEmpty()) {
			return List.of();
		}
		List<Object> params = new ArrayList<>(List.of(nodeId));
		params.addAll(running);
		List<Long> owned = this.template.queryForList("SELECT id FROM job WHERE state = 'active' AND node_id = ?"
				+ " AND id IN (" + placeholders(running.size()) + ")", Long.class, params.toArray());
		List<Long> lost = new ArrayList<>(running);
		lost.removeAll(owned);
		return lost;
	}

	/**
	 * Rescues active jobs whose lease expired (their node died): a stalled attempt is
	 * recorded and the job waits again, or fails when its attempts are used up. Must run
	 * in a transaction.
	 */
	List<Rescued> rescueExpired(Instant now, int limit) {
		List<Object[]> expired = this.template.query(
				"SELECT id, attempts, max_attempts, queue_name, type FROM job WHERE state = 'active'"
						+ " AND lease_expires_at < ? ORDER BY lease_expires_at LIMIT ? FOR UPDATE SKIP LOCKED",
				(rs, row) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
						rs.getString(5) },
				time(now), limit);
		List<Rescued> rescued = new ArrayList<>();
		for (Object[] job : expired) {
			long id = (Long) job[0];
			long attempts = (Long) job[1];
			boolean exhausted = attempts >= (Long) job[2];
			String message = "The node running attempt " + attempts + " stopped renewing its lease (it died or hung)";
			this.jdbc
				.sql("UPDATE job SET state = ?, node_id = NULL, lease_expires_at = NULL, finished_at = ?,"
						+ " last_error = ? WHERE id = ?")
				.params(exhausted ? "failed" : "waiting", exhausted ? time(now) : null, message, id)
				.update();
			insertFailure(id, new JobFailure((int) attempts, message, null, false, true, now));
			rescued
				.add(new Rescued(id, (String) job[3], (String) job[4], exhausted ? JobState.FAILED : JobState.WAITING));
		}
		return rescued;
	}

	/**
	 * A job rescued from a node that stopped renewing its lease.
	 *
	 * @param id the job
	 * @param queueName its queue
	 * @param type its type
	 * @param state what it became: waiting again, or failed with its attempts used up
	 */
	record Rescued(long id, String queueName, String type, JobState state) {
	}

	void heartbeat(String nodeId, String host, String queues, Instant startedAt, Instant now) {
		int updated = this.jdbc.sql("UPDATE node SET heartbeat_at = ?, status = 'UP' WHERE id = ?")
			.params(time(now), nodeId)
			.update();
		if (updated == 0) {
			this.jdbc.sql(
					"INSERT INTO node (id, host, started_at, heartbeat_at, queues, status) VALUES (?, ?, ?, ?, ?, 'UP')")
				.params(nodeId, host, time(startedAt), time(now), queues)
				.update();
		}
	}

	void nodeStopped(String nodeId, Instant now) {
		this.jdbc.sql("UPDATE node SET status = 'STOPPED', heartbeat_at = ? WHERE id = ?")
			.params(time(now), nodeId)
			.update();
	}

	private void insertFailure(long jobId, JobFailure failure) {
		this.jdbc
			.sql("INSERT INTO job_failure (job_id, attempt, error_message, error_stack, timed_out, stalled, failed_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(jobId, failure.attempt(), truncate(failure.errorMessage(), 4000),
					truncate(failure.errorStack(), 16000), failure.timedOut(), failure.stalled(),
					time(failure.failedAt()))
			.update();
	}

	private Job withDetails(Job job) {
		List<JobFailure> failures = this.jdbc
			.sql("SELECT attempt, error_message, error_stack, timed_out, stalled, failed_at FROM job_failure"
					+ " WHERE job_id = ? ORDER BY attempt, id")
			.param(job.id())
			.query((rs, row) -> new JobFailure(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
					rs.getBoolean(5), instant(rs, 6)))
			.list();
		List<String> logs = this.jdbc.sql("SELECT line FROM job_log WHERE job_id = ? ORDER BY seq")
			.param(job.id())
			.query(String.class)
			.list();
		return new Job(job.id(), job.queueName(), job.type(), job.state(), job.priority(), job.payload(),
				job.progress(), job.attempts(), job.maxAttempts(), job.runAt(), job.createdAt(), job.startedAt(),
				job.finishedAt(), job.durationMs(), job.result(), failures, job.workerId(), logs, job.dedupeKey(),
				job.enqueuedBy(), job.allocatedMb());
	}

	static RowMapper<Job> jobMapper() {
		return (rs, row) -> new Job(rs.getLong("id"), rs.getString("queue_name"), rs.getString("type"),
				JobState.fromColumn(rs.getString("state")), rs.getInt("priority"), rs.getString("payload"),
				rs.getInt("progress"), rs.getInt("attempts"), rs.getInt("max_attempts"), instant(rs, "run_at"),
				instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
				(Long) rs.getObject("duration_ms", Long.class), rs.getString("result"), Collections.emptyList(),
				rs.getString("worker_id"), Collections.emptyList(), rs.getString("dedupe_key"),
				rs.getString("enqueued_by"), (Double) rs.getObject("allocated_mb", Double.class));
	}

	/** A claimed job from a row whose attempts column is {@code attemptOffset} behind. */
	private static ClaimedJob claimed(ResultSet rs, int attemptOffset) throws SQLException {
		Backoff backoff = Backoffs.read(rs.getString("backoff_type"), rs.getObject("backoff_delay_ms", Long.class),
				rs.getObject("backoff_max_delay_ms", Long.class), rs.getString("backoff_delays_ms"),
				rs.getObject("backoff_jitter", Double.class));
		return new ClaimedJob(rs.getLong("id"), rs.getString("queue_name"), rs.getString("type"),
				rs.getString("payload"), rs.getInt("attempts") + attemptOffset, rs.getInt("max_attempts"), backoff,
				rs.getObject("timeout_ms", Long.class), instant(rs, "run_at"), instant(rs, "created_at"), null);
	}

	private static ClaimedJob startedAt(ClaimedJob job, Instant now) {
		return new ClaimedJob(job.id(), job.queueName(), job.type(), job.payload(), job.attempt(), job.maxAttempts(),
				job.backoff(), job.timeoutMs(), job.runAt(), job.createdAt(), now);
	}

	static OffsetDateTime time(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static String placeholders(int count) {
		return Collections.nCopies(count, "?").stream().collect(Collectors.joining(","));
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

	/**
	 * A job about to be inserted, every default resolved.
	 */
	record NewJob(String queueName, String type, JobState state, int priority, String payload, int maxAttempts,
			Backoff backoff, Long timeoutMs, String dedupeKey, String scheduleName, Instant runAt, Instant createdAt,
			String enqueuedBy) {

		Job asJob(long id) {
			return new Job(id, this.queueName, this.type, this.state, this.priority, this.payload, 0, 0,
					this.maxAttempts, this.runAt, this.createdAt, null, null, null, null, List.of(), null, List.of(),
					this.dedupeKey, this.enqueuedBy);
		}

	}

	/**
	 * A job's place in its queue's claim order, the key of {@code job_claim_idx}.
	 *
	 * @param priority its priority
	 * @param runAt its runAt, as stored
	 * @param id its id
	 */
	record ClaimKey(int priority, OffsetDateTime runAt, long id) {

		static final Comparator<ClaimKey> ORDER = Comparator.comparingInt(ClaimKey::priority)
			.thenComparing(ClaimKey::runAt)
			.thenComparingLong(ClaimKey::id);

	}

	/**
	 * What one claim took.
	 *
	 * @param jobs the jobs, most urgent first
	 * @param first the claim key of the first, or null when it took none
	 */
	record Claim(List<ClaimedJob> jobs, ClaimKey first) {

	}

}
