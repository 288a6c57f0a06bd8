package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import dev.batchyard.engine.BatchMetadata;

import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds orphaned Batch job instances with one query over Batch's tables and deletes each
 * through the {@link JobRepository}, which knows the order of Batch's foreign keys. Each
 * instance is deleted in a transaction of its own.
 *
 * @author Batchyard
 */
class JdbcBatchMetadata implements BatchMetadata {

	/**
	 * An execution not ended but untouched this long belongs to an attempt that is not
	 * running any more (its node died mid-step).
	 */
	static final Duration ABANDONED_AFTER = Duration.ofHours(1);

	private static final String ORPHANS_SQL = "SELECT DISTINCT e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e"
			+ " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
			+ " WHERE p.PARAMETER_NAME = ? AND NOT EXISTS (SELECT 1 FROM job j"
			+ " WHERE j.id = CAST(p.PARAMETER_VALUE AS BIGINT)) AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION r"
			+ " WHERE r.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID AND r.END_TIME IS NULL AND COALESCE(r.LAST_UPDATED, r.CREATE_TIME) > ?) LIMIT ?";

	private final JdbcClient jdbc;

	private final JobRepository repository;

	private final TransactionTemplate transactions;

	private final Clock clock;

	JdbcBatchMetadata(JdbcClient jdbc, JobRepository repository, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public int deleteOrphaned(int limit) {
		// Batch writes its timestamps as local date-times of the JVM's zone
		LocalDateTime activeSince = LocalDateTime.ofInstant(this.clock.instant().minus(ABANDONED_AFTER),
				ZoneId.systemDefault());
		List<Long> instanceIds = this.jdbc.sql(ORPHANS_SQL)
			.params(BatchLaunches.JOB_ID_PARAMETER, activeSince, limit)
			.query(Long.class)
			.list();
		int deleted = 0;
		for (long instanceId : instanceIds) {
			Boolean gone = this.transactions.execute((status) -> delete(instanceId));
			deleted += Boolean.TRUE.equals(gone) ? 1 : 0;
		}
		return deleted;
	}

	private boolean delete(long instanceId) {
		JobInstance instance = this.repository.getJobInstance(instanceId);
		if (instance == null) {
			return false;
		}
		this.repository.deleteJobInstance(instance);
		return true;
	}

}
