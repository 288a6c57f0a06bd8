package dev.batchyard.retention;

/**
 * Deletes finished jobs past their horizon. The clustered Quartz job calls it every
 * {@code batchyard.retention.interval}; an operator (or a test) may call it at any time.
 *
 * @author Batchyard
 */
public interface Retention {

	/**
	 * Deletes, in batches, completed jobs that finished before now minus
	 * {@code completed-after} and failed jobs that finished before now minus
	 * {@code failed-after}, with their results, failures and logs. Waiting, delayed,
	 * active and cancelled jobs are never touched. Then deletes Spring Batch's records of
	 * every job no longer kept (see {@link dev.batchyard.engine.BatchMetadata}), whether
	 * retention, a queue clean or a delete removed it.
	 * @return what was deleted
	 */
	RetentionRun purge();

}
