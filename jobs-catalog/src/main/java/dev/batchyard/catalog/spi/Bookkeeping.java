package dev.batchyard.catalog.spi;

/**
 * How the engine keeps Spring Batch's records for one job.
 *
 * @author Batchyard
 */
public enum Bookkeeping {

	/**
	 * Batch's JDBC job repository: every step and chunk is recorded, so a retry resumes
	 * at the failed step or chunk. Costs dozens of SQL statements per job.
	 */
	DURABLE,

	/**
	 * No Batch records: the job row is the durable record and a retry starts over. For
	 * single-step jobs, where there is nothing to resume, at a fraction of the cost.
	 */
	LIGHT

}
