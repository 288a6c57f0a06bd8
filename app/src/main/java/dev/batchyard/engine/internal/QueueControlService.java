package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.InvalidJobRequestException;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobNotFoundException;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.QueueAlreadyPausedException;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.engine.QueueNotPausedException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue and job verbs, each one statement or one transaction in the store, so that
 * every node sees the same answer.
 *
 * @author Batchyard
 */
class QueueControlService implements QueueControls {

	private static final Set<JobState> CLEANABLE = Set.of(JobState.COMPLETED, JobState.FAILED, JobState.DELAYED,
			JobState.WAITING);

	private final QueueCatalog catalog;

	private final JobStore store;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	private final RunningAttempts running;

	private final Wakeups wakeups;

	private final Clock clock;

	private final JobEvents events;

	QueueControlService(QueueCatalog catalog, JobStore store, JdbcTemplate template, TransactionTemplate transactions,
			RunningAttempts running, Wakeups wakeups, Clock clock, JobEvents events) {
		this.catalog = catalog;
		this.store = store;
		this.jdbc = JdbcClient.create(template);
		this.template = template;
		this.transactions = transactions;
		this.running = running;
		this.wakeups = wakeups;
		this.clock = clock;
		this.events = events;
	}

	@Override
	public QueueStatus pause(String queueName, String actor) {
		this.catalog.get(queueName);
		Instant now = this.clock.instant();
		int updated = this.jdbc
			.sql("UPDATE queue_state SET paused = TRUE, paused_at = ?, paused_by = ?, updated_at = ?, updated_by = ?"
					+ " WHERE queue_name = ? AND paused = FALSE")
			.params(JobStore.time(now), actor, JobStore.time(now), actor, queueName)
			.update();
		if (updated == 0 && !insertPaused(queueName, actor, now)) {
			throw new QueueAlreadyPausedException(queueName);
		}
		return new QueueStatus(queueName, true);
	}

	private boolean insertPaused(String queueName, String actor, Instant now) {
		try {
			this.jdbc
				.sql("INSERT INTO queue_state (queue_name, paused, paused_at, paused_by, updated_at, updated_by)"
						+ " VALUES (?, TRUE, ?, ?, ?, ?)")
				.params(queueName, JobStore.time(now), actor, JobStore.time(now), actor)
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			// the row exists and is paused already (or another admin just paused it)
			return false;
		}
	}

	@Override
	public QueueStatus resume(String queueName, String actor) {
		this.catalog.get(queueName);
		Integer updated = this.transactions.execute((status) -> {
			int rows = this.jdbc
				.sql("UPDATE queue_state SET paused = FALSE, paused_at = NULL, paused_by = NULL, updated_at = ?,"
						+ " updated_by = ? WHERE queue_name = ? AND paused = TRUE")
				.params(JobStore.time(this.clock.instant()), actor, queueName)
				.update();
			this.wakeups.notifyOtherNodes(List.of(queueName));
			return rows;
		});
		if (updated == null || updated == 0) {
			throw new QueueNotPausedException(queueName);
		}
		this.wakeups.wake(queueName);
		return new QueueStatus(queueName, false);
	}

	@Override
	public CleanResult clean(String queueName, JobState state, Duration grace, int limit) {
		this.catalog.get(queueName);
		require(CLEANABLE.contains(state), "status", "status must be COMPLETED, FAILED, DELAYED or WAITING");
		require(grace != null && !grace.isNegative(), "grace", "grace must not be negative");
		require(limit >= 1 && limit <= 100_000, "limit", "limit must be between 1 and 100000 (was " + limit + ")");
		Instant horizon = this.clock.instant().minus(grace);
		List<Object[]> removed = this.transactions.execute((status) -> {
			List<Object[]> jobs = this.template.query(
					"SELECT id, type FROM job WHERE queue_name = ? AND state = ?"
							+ " AND COALESCE(finished_at, created_at) <= ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
					(rs, row) -> new Object[] { rs.getLong(1), rs.getString(2) }, queueName, state.column(),
					JobStore.time(horizon), limit);
			deleteJobs(jobs.stream().map((job) -> (Long) job[0]).toList());
			return jobs;
		});
		Instant now = this.clock.instant();
		removed.forEach((job) -> this.events.changed((Long) job[0], queueName, (String) job[1], JobState.DELETED, now));
		return new CleanResult(queueName, state, removed.size());
	}

	@Override
	public RetryFailedResult retryFailed(String queueName, int limit) {
		this.catalog.get(queueName);
		require(limit >= 1 && limit <= 10_000, "limit", "limit must be between 1 and 10000 (was " + limit + ")");
		List<String[]> failed = this.jdbc
			.sql("SELECT id, type FROM job WHERE queue_name = ? AND state = 'failed' ORDER BY finished_at, id LIMIT ?")
			.params(queueName, limit)
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		List<String> errors = new ArrayList<>();
		int retried = 0;
		for (String[] row : failed) {
			long id = Long.parseLong(row[0]);
			try {
				if (requeue(id, Set.of(JobState.FAILED))) {
					retried++;
					this.events.changed(id, queueName, row[1], JobState.WAITING, this.clock.instant());
				}
				else {
					errors.add("job " + id + " is no longer failed");
				}
			}
			catch (DataIntegrityViolationException ex) {
				errors.add("job " + id + " has the dedupe key of an unfinished job");
			}
		}
		if (retried > 0) {
			this.wakeups.wake(queueName);
		}
		return new RetryFailedResult(queueName, failed.size(), retried, failed.size() - retried, errors);
	}

	@Override
	public Job retry(long jobId) {
		Job job = find(jobId);
		require(job.state() == JobState.FAILED || job.state() == JobState.CANCELLED, "id",
				"job " + jobId + " is " + job.state().column() + "; only failed or cancelled jobs can be retried");
		try {
			if (!requeue(jobId, Set.of(JobState.FAILED, JobState.CANCELLED))) {
				throw new InvalidJobRequestException("id", "job " + jobId + " changed state; try again");
			}
		}
		catch (DataIntegrityViolationException ex) {
			throw new InvalidJobRequestException("id",
					"job " + jobId + " has the dedupe key of an unfinished job; cancel that one first");
		}
		this.events.changed(jobId, job.queueName(), job.type(), JobState.WAITING, this.clock.instant());
		this.wakeups.wake(job.queueName());
		return find(jobId);
	}

	@Override
	public Job cancel(long jobId) {
		Job job = find(jobId);
		require(job.state().unfinished(), "id", "job " + jobId + " is " + job.state().column()
				+ "; only waiting, delayed or active jobs can be cancelled");
		Instant now = this.clock.instant();
		int updated = this.jdbc
			.sql("UPDATE job SET state = 'cancelled', finished_at = ?, lease_expires_at = NULL WHERE id = ?"
					+ " AND state IN ('waiting','delayed','active')")
			.params(JobStore.time(now), jobId)
			.update();
		require(updated == 1, "id", "job " + jobId + " finished meanwhile");
		// an active job running here stops now; elsewhere its node notices within a
		// second
		this.running.stop(jobId);
		this.events.changed(jobId, job.queueName(), job.type(), JobState.CANCELLED, now);
		return find(jobId);
	}

	@Override
	public void delete(long jobId) {
		Job job = find(jobId);
		this.transactions.executeWithoutResult((status) -> deleteJobs(List.of(jobId)));
		this.running.stop(jobId);
		this.events.changed(jobId, job.queueName(), job.type(), JobState.DELETED, this.clock.instant());
	}

	private boolean requeue(long jobId, Set<JobState> from) {
		Integer updated = this.transactions.execute((status) -> {
			List<Object> params = new ArrayList<>(List.of(JobStore.time(this.clock.instant()), jobId));
			from.forEach((state) -> params.add(state.column()));
			// a fresh set of attempts, numbered on from the spent ones so the failure
			// history
			// stays readable (attempt 4 after attempts 1 to 3)
			return this.template.update("UPDATE job SET state = 'waiting', max_attempts = attempts + max_attempts,"
					+ " run_at = ?," + " finished_at = NULL, progress = 0, node_id = NULL WHERE id = ? AND state IN ("
					+ JobStore.placeholders(from.size()) + ")", params.toArray());
		});
		return updated != null && updated == 1;
	}

	private int deleteJobs(List<Long> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		Object[] params = ids.toArray();
		String in = " IN (" + JobStore.placeholders(ids.size()) + ")";
		this.template.update("DELETE FROM job_failure WHERE job_id" + in, params);
		this.template.update("DELETE FROM job_log WHERE job_id" + in, params);
		return this.template.update("DELETE FROM job WHERE id" + in, params);
	}

	private Job find(long jobId) {
		return this.store.find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
	}

	private static void require(boolean condition, String argument, String message) {
		if (!condition) {
			throw new InvalidJobRequestException(argument, message);
		}
	}

}
