package dev.batchyard.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.JobStateChanged;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;

import org.springframework.context.ApplicationListener;

/**
 * Scenarios 1 to 5 on one real node: enqueue, drain (light and three-step durable),
 * latency at a steady rate, and a CRITICAL job behind a BACKGROUND backlog. A drain ends
 * when the node publishes the last job's COMPLETED (after its write committed); a wait
 * "enqueue to start" runs from the enqueue call to the moment the job's first step begins
 * ({@link StepStarts}). The node serves {@code default} (16 workers),
 * {@code password-reset} (CRITICAL) and {@code session-cleanup} (BACKGROUND); jobs are
 * the built-in {@code probe}. Everything is read back from the job table (created_at,
 * started_at, finished_at are the engine's own timestamps).
 *
 * @author Batchyard
 */
final class EngineScenarios {

	/** Jobs enqueued here stay waiting: the node does not serve this queue. */
	static final String UNSERVED_QUEUE = "email-campaigns";

	static final String QUEUE = "default";

	static final String CRITICAL_QUEUE = "password-reset";

	static final String BACKGROUND_QUEUE = "session-cleanup";

	private static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);

	private final BenchNode node;

	private final Jobs jobs;

	private final Baselines baselines;

	private final AtomicLong completed = new AtomicLong();

	private final AtomicLong lastCompletedNanos = new AtomicLong();

	EngineScenarios(BenchNode node, Baselines baselines) {
		this.node = node;
		this.jobs = node.bean(Jobs.class);
		this.baselines = baselines;
		// COMPLETED is published once the completion write has committed: the drain ends
		// at the last one, as the baseline's time ends at its last commit
		node.addListener(ApplicationListener.<JobStateChanged>forPayload((event) -> {
			if (event.state() == JobState.COMPLETED && QUEUE.equals(event.queueName())) {
				this.lastCompletedNanos.set(System.nanoTime());
				this.completed.incrementAndGet();
			}
		}));
	}

	/** Empties the job table and Batch's tables. */
	void clean() throws SQLException {
		try (Connection connection = this.baselines.connect(); Statement statement = connection.createStatement()) {
			statement.execute("TRUNCATE job, job_failure, job_log, BATCH_JOB_INSTANCE CASCADE");
		}
	}

	/** Scenario 1: one enqueue per call, from one thread: jobs/s. */
	double enqueueOneAtATime(int count) throws SQLException {
		clean();
		EnqueueRequest request = EnqueueRequest.of("probe", "{}").onQueue(UNSERVED_QUEUE);
		long started = System.nanoTime();
		for (int i = 0; i < count; i++) {
			this.jobs.enqueue(request);
		}
		return Baselines.perSecond(count, started);
	}

	/** Scenario 1: SQL statements and commits one enqueue sends. */
	Map<String, Double> enqueueCost(int count) throws SQLException {
		clean();
		long statements = this.node.counter().statements();
		long commits = this.node.counter().commits();
		EnqueueRequest request = EnqueueRequest.of("probe", "{}").onQueue(UNSERVED_QUEUE);
		for (int i = 0; i < count; i++) {
			this.jobs.enqueue(request);
		}
		Map<String, Double> figures = new LinkedHashMap<>();
		figures.put("statements/enqueue", (double) (this.node.counter().statements() - statements) / count);
		figures.put("commits/enqueue", (double) (this.node.counter().commits() - commits) / count);
		return figures;
	}

	/** Scenario 1: {@code enqueueAll} with batches of 500: jobs/s. */
	double enqueueBulk(int count) throws SQLException {
		clean();
		long started = System.nanoTime();
		enqueueInBatches(count, "{}", UNSERVED_QUEUE);
		return Baselines.perSecond(count, started);
	}

	double plainSingleInserts(int count) throws SQLException {
		clean();
		return this.baselines.singleInserts(UNSERVED_QUEUE, count);
	}

	double plainInsertsWithNotify(int count) throws SQLException {
		clean();
		return this.baselines.singleInsertsWithNotify(UNSERVED_QUEUE, count);
	}

	double plainBatchedInserts(int count) throws SQLException {
		clean();
		return this.baselines.batchedInserts(UNSERVED_QUEUE, count, BenchSettings.BULK_BATCH);
	}

	private void enqueueInBatches(int count, String payload, String queue) {
		List<EnqueueRequest> batch = new ArrayList<>(BenchSettings.BULK_BATCH);
		for (int i = 0; i < count; i++) {
			batch.add(EnqueueRequest.of("probe", payload).onQueue(queue));
			if (batch.size() == BenchSettings.BULK_BATCH || i == count - 1) {
				this.jobs.enqueueAll(batch);
				batch.clear();
			}
		}
	}

	/**
	 * Scenarios 2 and 3: {@code count} jobs wait on the paused queue; the queue resumes;
	 * the rate runs until the last job finished. Every job must be completed exactly once
	 * (one attempt, one result, no failure).
	 */
	Map<String, Double> drain(int count, String payload) throws Exception {
		clean();
		QueueControls controls = this.node.bean(QueueControls.class);
		controls.pause(QUEUE, "bench");
		enqueueInBatches(count, payload, QUEUE);
		// as the SKIP LOCKED baseline does after seeding its table: the planner sees the
		// jobs just written
		try (Connection connection = this.baselines.connect(); Statement statement = connection.createStatement()) {
			statement.execute("VACUUM ANALYZE job");
		}
		long statements = this.node.counter().statements();
		long commits = this.node.counter().commits();
		long jvmCpu = CpuTime.jvmMicros();
		long postgresCpu = CpuTime.postgresMicros();
		this.completed.set(0);
		long started = System.nanoTime();
		controls.resume(QUEUE, "bench");
		awaitFinished();
		awaitCompletedEvents(count);
		double seconds = (this.lastCompletedNanos.get() - started) / 1e9;
		double jvmCpuPerJob = (double) (CpuTime.jvmMicros() - jvmCpu) / count;
		double postgresCpuPerJob = (double) (CpuTime.postgresMicros() - postgresCpu) / count;
		long statementsUsed = this.node.counter().statements() - statements;
		long commitsUsed = this.node.counter().commits() - commits;
		try (Connection connection = this.baselines.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT count(*) FILTER (WHERE state = 'completed'" + " AND attempts = 1), count(result),"
								+ " (SELECT count(*) FROM job_failure) FROM job WHERE queue_name = '" + QUEUE + "'")) {
			result.next();
			long completedOnce = result.getLong(1);
			if (completedOnce != count || result.getLong(2) != count || result.getLong(3) != 0) {
				throw new IllegalStateException(
						"Drain of " + count + ": " + completedOnce + " completed in one attempt, " + result.getLong(2)
								+ " results, " + result.getLong(3) + " failures");
			}
			Map<String, Double> figures = new LinkedHashMap<>();
			figures.put("jobs/s", count / seconds);
			figures.put("statements/job", (double) statementsUsed / count);
			figures.put("commits/job", (double) commitsUsed / count);
			figures.put("JVM CPU us/job", jvmCpuPerJob);
			figures.put("PostgreSQL CPU us/job", postgresCpuPerJob);
			figures.putAll(claims(seconds));
			return figures;
		}
	}

	/**
	 * How the drain was claimed: the jobs of one claim share its started_at, so jobs per
	 * claim and claims/s come from the table; jobs in flight is how many jobs were, on
	 * average, claimed and not yet recorded (their run, the hand-over to the completion
	 * writer and its wait for a batch), out of 16 workers.
	 */
	private Map<String, Double> claims(double seconds) throws SQLException {
		try (Connection connection = this.baselines.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*), count(DISTINCT started_at),"
						+ " sum(extract(epoch FROM finished_at - started_at)) FROM job WHERE queue_name = '" + QUEUE
						+ "'")) {
			result.next();
			Map<String, Double> figures = new LinkedHashMap<>();
			figures.put("jobs/claim", result.getDouble(1) / result.getDouble(2));
			figures.put("claims/s", result.getDouble(2) / seconds);
			figures.put("jobs in flight", result.getDouble(3) / seconds);
			return figures;
		}
	}

	/**
	 * Waits until no job of the queue is unfinished. The look stops at the first
	 * unfinished row it meets: counting the finished ones instead cost the database as
	 * much as a tenth of a core during a drain, taken from the engine being measured.
	 */
	private void awaitFinished() throws Exception {
		long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
		try (Connection connection = this.baselines.connect();
				PreparedStatement unfinished = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM job"
						+ " WHERE queue_name = ? AND state IN ('waiting', 'delayed', 'active'))")) {
			unfinished.setString(1, QUEUE);
			while (System.nanoTime() < deadline) {
				try (ResultSet result = unfinished.executeQuery()) {
					result.next();
					if (!result.getBoolean(1)) {
						return;
					}
				}
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("Jobs on " + QUEUE + " did not finish within " + DRAIN_LIMIT);
	}

	private void awaitCompletedEvents(int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (this.completed.get() < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Only " + this.completed.get() + " of " + count + " COMPLETED events were published");
			}
			Thread.sleep(5);
		}
	}

	/**
	 * Scenario 4: {@code rate} jobs/s enqueued on the node that runs them, for
	 * {@code seconds}: enqueue-to-start percentiles in ms.
	 */
	Map<String, Double> latency(int rate, int seconds) throws Exception {
		clean();
		int count = rate * seconds;
		long period = 1_000_000_000L / rate;
		EnqueueRequest request = EnqueueRequest.of("probe", "{}").onQueue(QUEUE);
		StepStarts steps = this.node.stepStarts();
		steps.clear();
		long[] ids = new long[count];
		long[] sent = new long[count];
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long wait = start + i * period - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			sent[i] = System.nanoTime();
			ids[i] = this.jobs.enqueue(request).job().id();
		}
		awaitFinished();
		List<Double> waits = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			waits.add((steps.of(ids[i]) - sent[i]) / 1e6);
		}
		Map<String, Double> figures = new LinkedHashMap<>();
		figures.put("p50", Measurements.percentile(waits, 50));
		figures.put("p95", Measurements.percentile(waits, 95));
		figures.put("p99", Measurements.percentile(waits, 99));
		figures.put("max", Measurements.percentile(waits, 100));
		return figures;
	}

	/**
	 * Scenario 5 set-up: {@code backlog} jobs waiting on the BACKGROUND queue (one real
	 * enqueue, copied in SQL), each sleeping 1 s, so its one worker stays busy.
	 */
	void backlog(int backlog) throws SQLException {
		clean();
		long first = this.jobs.enqueue(EnqueueRequest.of("probe", "{\"sleepMs\": 1000}").onQueue(BACKGROUND_QUEUE))
			.job()
			.id();
		try (Connection connection = this.baselines.connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO job (queue_name, type, state, priority, payload, max_attempts, backoff_type,"
					+ " backoff_delay_ms, backoff_max_delay_ms, backoff_delays_ms, timeout_ms, run_at, created_at)"
					+ " SELECT queue_name, type, 'waiting', priority, payload, max_attempts, backoff_type,"
					+ " backoff_delay_ms, backoff_max_delay_ms, backoff_delays_ms, timeout_ms, now(), now()"
					+ " FROM job, generate_series(2, " + backlog + ") WHERE id = " + first);
		}
	}

	/**
	 * Scenario 5: CRITICAL jobs enqueued one after the other behind the backlog:
	 * enqueue-to-start p50 and max in ms.
	 */
	Map<String, Double> criticalBehindBacklog(int tries) throws Exception {
		List<Double> waits = new ArrayList<>();
		EnqueueRequest request = EnqueueRequest.of("probe", "{}").onQueue(CRITICAL_QUEUE);
		for (int i = 0; i < tries; i++) {
			long sent = System.nanoTime();
			long id = this.jobs.enqueue(request).job().id();
			waits.add((awaitStart(id) - sent) / 1e6);
			Thread.sleep(50);
		}
		Map<String, Double> figures = new LinkedHashMap<>();
		figures.put("p50", Measurements.percentile(waits, 50));
		figures.put("max", Measurements.percentile(waits, 100));
		return figures;
	}

	long waiting(String queue) throws SQLException {
		try (Connection connection = this.baselines.connect();
				PreparedStatement query = connection
					.prepareStatement("SELECT count(*) FROM job WHERE queue_name = ? AND state = 'waiting'")) {
			query.setString(1, queue);
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	private long awaitStart(long id) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			Long started = this.node.stepStarts().of(id);
			if (started != null) {
				return started;
			}
			Thread.onSpinWait();
		}
		throw new IllegalStateException("A CRITICAL job did not start within 30 s");
	}

}
