package dev.batchyard.monitoring.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.engine.JobState;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This node's picture of the job table: jobs by queue and state, the oldest ready job of
 * each queue, and the finishes and failed attempts of the recent window — what queries,
 * scrapes and the monitoring run read, so that none of them counts a big table.
 * <p>
 * Each {@link #refresh()} costs:
 * <ul>
 * <li>unfinished jobs: one pass over the claim index's rows (waiting and delayed jobs)
 * and the lease index's (active ones), with the oldest {@code run_at} in the same pass;
 * proportional to the backlog, not to the table;</li>
 * <li>finished jobs: only those that finished since the last refresh (the finished-jobs
 * index by state and finish time), added to totals that a full recount, every
 * {@code reconcile-interval}, sets right again after deletes, cleans, retention and
 * retries;</li>
 * <li>failed attempts: those since the last refresh ({@code job_failure} by time).</li>
 * </ul>
 * Finishes are counted up to {@link #LAG} before now, so that a completion whose
 * transaction commits a moment after its finish time is not missed.
 *
 * @author Batchyard
 */
public final class QueueCounts {

	/** How far behind now the incremental counts stop. */
	static final Duration LAG = Duration.ofSeconds(2);

	private static final String[] FINISHED = { "completed", "failed", "cancelled" };

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration window;

	private final Duration reconcileInterval;

	private final Deque<Slice> slices = new ArrayDeque<>();

	private Map<String, long[]> finishedTotals = new HashMap<>();

	private Instant watermark;

	private Instant reconciledAt;

	private volatile Counts latest;

	public QueueCounts(JdbcClient jdbc, Clock clock, Duration window, Duration reconcileInterval) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.window = window;
		this.reconcileInterval = reconcileInterval;
	}

	/**
	 * The counts of the last refresh, refreshing first if there was none.
	 * @return the counts
	 */
	public Counts latest() {
		Counts counts = this.latest;
		return (counts != null) ? counts : refresh();
	}

	/**
	 * Counts again: unfinished jobs in full, finishes and failures since the last
	 * refresh, everything finished in full when the reconcile interval has passed.
	 * @return the new counts
	 */
	public synchronized Counts refresh() {
		Instant now = this.clock.instant();
		Instant to = now.minus(LAG);
		if (this.watermark == null || to.isBefore(this.watermark)) {
			// first refresh (or a clock moved back): the whole window at once
			this.watermark = to.minus(this.window);
			this.slices.clear();
		}
		if (this.reconciledAt == null || !now.isBefore(this.reconciledAt.plus(this.reconcileInterval))) {
			reconcile(this.watermark);
			this.reconciledAt = now;
		}
		Slice slice = slice(this.watermark, to);
		slice.finished.forEach((queue, counts) -> {
			long[] totals = this.finishedTotals.computeIfAbsent(queue, (name) -> new long[3]);
			for (int i = 0; i < 3; i++) {
				totals[i] += counts[i];
			}
		});
		this.watermark = to;
		this.slices.addLast(slice);
		Instant windowStart = to.minus(this.window);
		while (!this.slices.isEmpty() && !this.slices.peekFirst().to.isAfter(windowStart)) {
			this.slices.removeFirst();
		}
		Counts counts = new Counts(now, unfinished(now), copy(this.finishedTotals), windowTotals(), this.window);
		this.latest = counts;
		return counts;
	}

	/** Sets the finished totals to the full count as of {@code asOf}. */
	private void reconcile(Instant asOf) {
		Map<String, long[]> totals = new HashMap<>();
		this.jdbc
			.sql("SELECT queue_name, state, COUNT(*) AS n FROM job WHERE state IN ('completed', 'failed', 'cancelled')"
					+ " GROUP BY queue_name, state")
			.query((rs) -> {
				totals.computeIfAbsent(rs.getString("queue_name"),
						(name) -> new long[3])[finishedIndex(rs.getString("state"))] += rs.getLong("n");
			});
		// what finished from asOf on is counted by the increments: take it out here
		this.jdbc
			.sql("SELECT queue_name, state, COUNT(*) AS n FROM job WHERE state IN ('completed', 'failed', 'cancelled')"
					+ " AND finished_at >= :from GROUP BY queue_name, state")
			.param("from", Times.sql(asOf), Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs) -> {
				totals.computeIfAbsent(rs.getString("queue_name"),
						(name) -> new long[3])[finishedIndex(rs.getString("state"))] -= rs.getLong("n");
			});
		this.finishedTotals = totals;
	}

	private Slice slice(Instant from, Instant to) {
		Slice slice = new Slice(to, new HashMap<>(), new HashMap<>());
		if (!to.isAfter(from)) {
			return slice;
		}
		this.jdbc
			.sql("SELECT queue_name, state, COUNT(*) AS n FROM job WHERE state IN ('completed', 'failed', 'cancelled')"
					+ " AND finished_at >= :from AND finished_at < :to GROUP BY queue_name, state")
			.param("from", Times.sql(from), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("to", Times.sql(to), Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs) -> {
				slice.finished.computeIfAbsent(rs.getString("queue_name"),
						(name) -> new long[3])[finishedIndex(rs.getString("state"))] += rs.getLong("n");
			});
		this.jdbc
			.sql("SELECT j.queue_name, COUNT(*) AS n, SUM(CASE WHEN f.timed_out THEN 1 ELSE 0 END) AS timed_out"
					+ " FROM job_failure f JOIN job j ON j.id = f.job_id"
					+ " WHERE f.failed_at >= :from AND f.failed_at < :to GROUP BY j.queue_name")
			.param("from", Times.sql(from), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("to", Times.sql(to), Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs) -> {
				slice.failures.put(rs.getString("queue_name"), new long[] { rs.getLong("n"), rs.getLong("timed_out") });
			});
		return slice;
	}

	private Map<String, Unfinished> unfinished(Instant now) {
		Map<String, Unfinished> all = new HashMap<>();
		this.jdbc
			.sql("SELECT queue_name, state, COUNT(*) AS n, MIN(run_at) AS first_run_at FROM job"
					+ " WHERE state IN ('waiting', 'delayed') GROUP BY queue_name, state")
			.query((rs) -> {
				String queue = rs.getString("queue_name");
				Unfinished before = all.getOrDefault(queue, Unfinished.NONE);
				long n = rs.getLong("n");
				Instant first = Times.instant(rs, "first_run_at");
				boolean waiting = JobState.WAITING.column().equals(rs.getString("state"));
				// a delayed job whose runAt has come is ready as well
				Instant ready = (waiting || (first != null && !first.isAfter(now))) ? first : null;
				all.put(queue,
						new Unfinished(before.waiting() + (waiting ? n : 0), before.delayed() + (waiting ? 0 : n),
								before.active(), earliest(before.oldestReadyAt(), ready)));
			});
		this.jdbc.sql("SELECT queue_name, COUNT(*) AS n FROM job WHERE state = 'active' GROUP BY queue_name")
			.query((rs) -> {
				String queue = rs.getString("queue_name");
				Unfinished before = all.getOrDefault(queue, Unfinished.NONE);
				all.put(queue,
						new Unfinished(before.waiting(), before.delayed(), rs.getLong("n"), before.oldestReadyAt()));
			});
		return all;
	}

	private Map<String, Window> windowTotals() {
		Map<String, Window> totals = new HashMap<>();
		for (Slice slice : this.slices) {
			slice.finished.forEach((queue, counts) -> {
				Window before = totals.getOrDefault(queue, Window.NONE);
				totals.put(queue, new Window(before.completed() + counts[0], before.failed() + counts[1],
						before.failedAttempts(), before.timedOutAttempts()));
			});
			slice.failures.forEach((queue, counts) -> {
				Window before = totals.getOrDefault(queue, Window.NONE);
				totals.put(queue, new Window(before.completed(), before.failed(), before.failedAttempts() + counts[0],
						before.timedOutAttempts() + counts[1]));
			});
		}
		return totals;
	}

	private static Map<String, Finished> copy(Map<String, long[]> totals) {
		Map<String, Finished> copy = new HashMap<>();
		totals.forEach((queue, counts) -> copy.put(queue,
				new Finished(Math.max(0, counts[0]), Math.max(0, counts[1]), Math.max(0, counts[2]))));
		return copy;
	}

	private static Instant earliest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isBefore(b)) ? a : b;
	}

	private static int finishedIndex(String state) {
		return List.of(FINISHED).indexOf(state);
	}

	private record Slice(Instant to, Map<String, long[]> finished, Map<String, long[]> failures) {
	}

	/**
	 * A queue's unfinished jobs.
	 *
	 * @param waiting waiting jobs
	 * @param delayed delayed jobs
	 * @param active running jobs
	 * @param oldestReadyAt the earliest runAt of a job ready to run, or null
	 */
	public record Unfinished(long waiting, long delayed, long active, Instant oldestReadyAt) {

		static final Unfinished NONE = new Unfinished(0, 0, 0, null);

	}

	/**
	 * A queue's finished jobs still in the table.
	 *
	 * @param completed completed
	 * @param failed failed for good
	 * @param cancelled cancelled
	 */
	public record Finished(long completed, long failed, long cancelled) {

		static final Finished NONE = new Finished(0, 0, 0);

	}

	/**
	 * What a queue finished within the rate window.
	 *
	 * @param completed jobs completed
	 * @param failed jobs failed for good
	 * @param failedAttempts attempts that failed (retried or not)
	 * @param timedOutAttempts of which timed out
	 */
	public record Window(long completed, long failed, long failedAttempts, long timedOutAttempts) {

		static final Window NONE = new Window(0, 0, 0, 0);

	}

	/**
	 * The counts of one refresh.
	 *
	 * @param at when
	 * @param unfinished by queue
	 * @param finished by queue
	 * @param window by queue
	 * @param windowLength the rate window
	 */
	public record Counts(Instant at, Map<String, Unfinished> unfinished, Map<String, Finished> finished,
			Map<String, Window> window, Duration windowLength) {

		public Unfinished unfinished(String queue) {
			return this.unfinished.getOrDefault(queue, Unfinished.NONE);
		}

		public Finished finished(String queue) {
			return this.finished.getOrDefault(queue, Finished.NONE);
		}

		public Window window(String queue) {
			return this.window.getOrDefault(queue, Window.NONE);
		}

	}

}
