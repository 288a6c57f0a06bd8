package dev.batchyard.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Lists jobs for admins: filtered by queue, state, type and text, newest first, a page at
 * a time (keyset pagination on the id, so pages stay stable while jobs are enqueued).
 *
 * @author Batchyard
 */
public interface JobSearch {

	/** The most jobs one page holds. */
	int MAX_PAGE_SIZE = 500;

	/**
	 * One page of the jobs that match, newest first. Failures and logs are not loaded:
	 * ask {@link #failures} and {@link #logs} for the jobs that need them.
	 * @param filter what to match (every part optional)
	 * @param first the page size, 1 to {@link #MAX_PAGE_SIZE}
	 * @param afterId the id of the last job of the previous page, or null for the first
	 * page
	 * @return the page
	 * @throws InvalidJobRequestException if {@code first} is out of range
	 */
	Page search(Filter filter, int first, Long afterId);

	/**
	 * One page of the jobs that match, newest first, counting them all only when asked:
	 * the count reads every matching row, the page only {@code first + 1}.
	 * @param filter what to match (every part optional)
	 * @param first the page size, 1 to {@link #MAX_PAGE_SIZE}
	 * @param afterId the id of the last job of the previous page, or null
	 * @param countAll whether {@link Page#totalCount()} is wanted (0 when not)
	 * @return the page
	 */
	default Page search(Filter filter, int first, Long afterId, boolean countAll) {
		return search(filter, first, afterId);
	}

	/**
	 * The failed attempts of jobs, oldest first.
	 * @param jobIds the jobs
	 * @return the failures by job id (every id present, possibly with an empty list)
	 */
	Map<Long, List<JobFailure>> failures(Collection<Long> jobIds);

	/**
	 * The log lines of jobs, oldest first.
	 * @param jobIds the jobs
	 * @return the lines by job id (every id present, possibly with an empty list)
	 */
	Map<Long, List<String>> logs(Collection<Long> jobIds);

	/**
	 * Who enqueued a job through the API.
	 * @param jobId the job
	 * @return its API principal, or empty if it has none or does not exist
	 */
	java.util.Optional<String> enqueuedBy(long jobId);

	/**
	 * What jobs to list; a null part matches everything.
	 *
	 * @param queueName only this queue
	 * @param state only this state
	 * @param type only this job type
	 * @param text only jobs whose payload or last error contains this text (ignoring
	 * case)
	 * @param enqueuedBy only jobs this API principal enqueued
	 */
	record Filter(String queueName, JobState state, String type, String text, String enqueuedBy) {

		/** Matches every job. */
		public static final Filter ALL = new Filter(null, null, null, null, null);

		/** A filter of any principal's jobs. */
		public Filter(String queueName, JobState state, String type, String text) {
			this(queueName, state, type, text, null);
		}

		/**
		 * This filter, narrowed to the jobs of one API principal.
		 * @param principal the principal
		 * @return the filter
		 */
		public Filter enqueuedBy(String principal) {
			return new Filter(this.queueName, this.state, this.type, this.text, principal);
		}

	}

	/**
	 * A page of jobs.
	 *
	 * @param jobs the jobs, newest first (without failures and logs)
	 * @param hasNextPage whether more jobs match after the last one
	 * @param totalCount how many jobs match the filter in all
	 */
	record Page(List<Job> jobs, boolean hasNextPage, long totalCount) {

	}

}
