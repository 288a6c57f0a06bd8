package dev.batchyard.engine;

/**
 * Spring Batch's JDBC records of multi-step ({@code DURABLE}) jobs. They are keyed by the
 * Batchyard job id (the identifying job parameter {@code batchyard.job.id}) and live
 * outside the job table's cascades, so they are removed here once their job is gone.
 *
 * @author Batchyard
 */
public interface BatchMetadata {

	/**
	 * Deletes the Batch records (instance, executions, step executions, contexts,
	 * parameters) of up to {@code limit} job instances whose Batchyard job no longer
	 * exists — removed by retention, a queue clean or a delete. An instance with an
	 * execution that has not ended and was updated within the last hour is kept: its
	 * attempt may still be stopping.
	 * @param limit the most instances to delete
	 * @return how many instances were deleted
	 */
	int deleteOrphaned(int limit);

}
