package dev.batchyard.retention.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.IntUnaryOperator;

import dev.batchyard.engine.BatchMetadata;
import dev.batchyard.retention.Retention;
import dev.batchyard.retention.RetentionProperties;
import dev.batchyard.retention.RetentionRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes finished jobs by {@code finished_at} on the retention index
 * {@code job (state, finished_at)}. Their {@code job_failure} and {@code job_log} rows go
 * with them ({@code ON DELETE CASCADE}); the result is on the job row. Each batch is its
 * own transaction; the state and age are checked again on the row being deleted, so a job
 * retried meanwhile is kept. Spring Batch's records of the jobs no longer kept go last,
 * in batches of the same size.
 *
 * @author Batchyard
 */
class JobRetention implements Retention {

	private static final Logger logger = LoggerFactory.getLogger(JobRetention.class);

	private static final String DELETE_SQL = "DELETE FROM job WHERE state = ? AND finished_at < ? AND id IN"
			+ " (SELECT id FROM job WHERE state = ? AND finished_at < ? LIMIT ?)";

	private final JdbcClient jdbc;

	private final RetentionProperties properties;

	private final BatchMetadata batchMetadata;

	private final Clock clock;

	JobRetention(JdbcClient jdbc, BatchMetadata batchMetadata, RetentionProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.batchMetadata = batchMetadata;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public RetentionRun purge() {
		Instant now = this.clock.instant();
		Instant completedBefore = now.minus(this.properties.completedAfter());
		Instant failedBefore = now.minus(this.properties.failedAfter());
		long completed = delete("completed", completedBefore);
		long failed = delete("failed", failedBefore);
		long batchInstances = deleteBatchMetadata();
		if (completed + failed + batchInstances > 0) {
			logger.info(
					"Retention deleted {} completed jobs (finished before {}), {} failed jobs (before {})"
							+ " and the Spring Batch records of {} jobs no longer kept",
					completed, completedBefore, failed, failedBefore, batchInstances);
		}
		return new RetentionRun(completedBefore, completed, failedBefore, failed, batchInstances);
	}

	private long delete(String state, Instant before) {
		var time = before.atOffset(ZoneOffset.UTC);
		return inBatches((batchSize) -> this.jdbc.sql(DELETE_SQL).params(state, time, state, time, batchSize).update());
	}

	private long deleteBatchMetadata() {
		return inBatches(this.batchMetadata::deleteOrphaned);
	}

	/**
	 * Runs a batch of deletes of at most the batch size until one comes back short.
	 * @param batch deletes up to the given number of rows, returns how many it deleted
	 * @return how many were deleted in all
	 */
	private long inBatches(IntUnaryOperator batch) {
		int batchSize = this.properties.batchSize();
		long total = 0;
		int deleted;
		do {
			deleted = batch.applyAsInt(batchSize);
			total += deleted;
		}
		while (deleted >= batchSize);
		return total;
	}

}
