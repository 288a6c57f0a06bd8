package dev.batchyard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The plain-JDBC baselines, on the same PostgreSQL as the engine: single-row and batched
 * inserts into the engine's own {@code job} table (what an enqueue must at least cost),
 * and a {@code FOR UPDATE SKIP LOCKED} claim-50 loop with 16 threads over a minimal jobs
 * table (the practical ceiling of a durable queue here).
 *
 * @author Batchyard
 */
final class Baselines {

	static final String INSERT_SQL = "INSERT INTO job (queue_name, type, state, priority, payload, max_attempts,"
			+ " backoff_type, backoff_delay_ms, backoff_max_delay_ms, backoff_delays_ms, timeout_ms, dedupe_key,"
			+ " schedule_name, run_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String CLAIM_SQL = "SELECT id, payload FROM bench_job WHERE queue_name = 'default'"
			+ " AND state = 'waiting' AND run_at <= now() ORDER BY priority, run_at, id LIMIT 50 FOR UPDATE SKIP LOCKED";

	private final String jdbcUrl;

	Baselines(String jdbcUrl) {
		this.jdbcUrl = jdbcUrl;
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, "postgres", "postgres");
	}

	/** One row per statement, autocommit, returning the generated id: jobs/s. */
	double singleInserts(String queueName, int count) throws SQLException {
		try (Connection connection = connect();
				PreparedStatement insert = connection.prepareStatement(INSERT_SQL, new String[] { "id" })) {
			long started = System.nanoTime();
			for (int i = 0; i < count; i++) {
				bind(insert, queueName);
				insert.executeUpdate();
				readKeys(insert);
			}
			return perSecond(count, started);
		}
	}

	/**
	 * What an engine enqueue does in SQL, in plain JDBC: a transaction with the insert
	 * and a {@code pg_notify}, then commit: jobs/s. Not a target's baseline; it shows
	 * where the gap to a plain insert goes.
	 */
	double singleInsertsWithNotify(String queueName, int count) throws SQLException {
		try (Connection connection = connect();
				PreparedStatement insert = connection.prepareStatement(INSERT_SQL, new String[] { "id" });
				PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('bench_jobs', ?)")) {
			connection.setAutoCommit(false);
			long started = System.nanoTime();
			for (int i = 0; i < count; i++) {
				bind(insert, queueName);
				insert.executeUpdate();
				readKeys(insert);
				notify.setString(1, queueName);
				notify.executeQuery().close();
				connection.commit();
			}
			return perSecond(count, started);
		}
	}

	/** Batches of {@code batch} rows, one transaction each, returning the ids: jobs/s. */
	double batchedInserts(String queueName, int count, int batch) throws SQLException {
		try (Connection connection = connect();
				PreparedStatement insert = connection.prepareStatement(INSERT_SQL, new String[] { "id" })) {
			connection.setAutoCommit(false);
			long started = System.nanoTime();
			for (int done = 0; done < count; done += batch) {
				for (int i = 0; i < Math.min(batch, count - done); i++) {
					bind(insert, queueName);
					insert.addBatch();
				}
				insert.executeBatch();
				readKeys(insert);
				connection.commit();
			}
			return perSecond(count, started);
		}
	}

	private static void bind(PreparedStatement insert, String queueName) throws SQLException {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		insert.setString(1, queueName);
		insert.setString(2, "probe");
		insert.setString(3, "waiting");
		insert.setInt(4, 5);
		insert.setString(5, "{}");
		insert.setInt(6, 3);
		insert.setString(7, "EXPONENTIAL");
		insert.setLong(8, 1000);
		insert.setLong(9, 3_600_000);
		insert.setString(10, null);
		insert.setObject(11, null);
		insert.setString(12, null);
		insert.setString(13, null);
		insert.setObject(14, now);
		insert.setObject(15, now);
	}

	private static void readKeys(Statement statement) throws SQLException {
		try (ResultSet keys = statement.getGeneratedKeys()) {
			while (keys.next()) {
				keys.getLong(1);
			}
		}
	}

	/**
	 * Creates (or empties) the minimal jobs table and fills it with {@code count} rows.
	 */
	void seedSkipLocked(int count) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS bench_job (id BIGSERIAL PRIMARY KEY,"
					+ " queue_name VARCHAR(100) NOT NULL, state VARCHAR(16) NOT NULL, priority SMALLINT NOT NULL,"
					+ " payload TEXT, attempts INT NOT NULL DEFAULT 0, run_at TIMESTAMPTZ NOT NULL,"
					+ " finished_at TIMESTAMPTZ)");
			statement.execute("CREATE INDEX IF NOT EXISTS bench_job_claim_idx ON bench_job"
					+ " (queue_name, priority, run_at, id) WHERE state = 'waiting'");
			statement.execute("TRUNCATE bench_job");
			statement.execute("INSERT INTO bench_job (queue_name, state, priority, payload, run_at)"
					+ " SELECT 'default', 'waiting', 5, '{}', now() FROM generate_series(1, " + count + ")");
			statement.execute("VACUUM ANALYZE bench_job");
		}
	}

	/**
	 * Drains the seeded table with {@code threads} threads: each claims 50 rows (select
	 * for update skip locked, mark active, commit), runs the no-op, then marks them done
	 * (all 50 in one statement, or one autocommitted statement per job): jobs/s.
	 */
	double drainSkipLocked(int count, int threads, boolean doneOnePerJob) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicBoolean failed = new AtomicBoolean();
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Integer>> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			workers.add(pool.submit(() -> {
				try (Connection connection = connect()) {
					ready.countDown();
					go.await();
					return claimLoop(connection, doneOnePerJob);
				}
				catch (Exception ex) {
					failed.set(true);
					throw ex;
				}
			}));
		}
		ready.await();
		long started = System.nanoTime();
		go.countDown();
		int total = 0;
		for (Future<Integer> worker : workers) {
			total += worker.get();
		}
		double rate = perSecond(total, started);
		pool.shutdown();
		if (total != count || failed.get()) {
			throw new IllegalStateException("SKIP LOCKED baseline drained " + total + " of " + count);
		}
		return rate;
	}

	private static int claimLoop(Connection connection, boolean doneOnePerJob) throws SQLException {
		int done = 0;
		try (PreparedStatement claim = connection.prepareStatement(CLAIM_SQL);
				PreparedStatement activate = connection.prepareStatement(
						"UPDATE bench_job SET state = 'active', attempts = attempts + 1 WHERE id = ANY (?)");
				PreparedStatement finishAll = connection
					.prepareStatement("UPDATE bench_job SET state = 'done', finished_at = now() WHERE id = ANY (?)");
				PreparedStatement finishOne = connection
					.prepareStatement("UPDATE bench_job SET state = 'done', finished_at = now() WHERE id = ?")) {
			while (true) {
				connection.setAutoCommit(false);
				List<Long> ids = new ArrayList<>(50);
				try (ResultSet rows = claim.executeQuery()) {
					while (rows.next()) {
						ids.add(rows.getLong(1));
						rows.getString(2);
					}
				}
				if (ids.isEmpty()) {
					connection.commit();
					return done;
				}
				activate.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
				activate.executeUpdate();
				connection.commit();
				connection.setAutoCommit(true);
				if (doneOnePerJob) {
					for (Long id : ids) {
						finishOne.setLong(1, id);
						finishOne.executeUpdate();
					}
				}
				else {
					finishAll.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
					finishAll.executeUpdate();
				}
				done += ids.size();
			}
		}
	}

	static double perSecond(long count, long startedNanos) {
		return count / ((System.nanoTime() - startedNanos) / 1e9);
	}

	static Map<String, Double> one(String metric, double value) {
		return Map.of(metric, value);
	}

}
