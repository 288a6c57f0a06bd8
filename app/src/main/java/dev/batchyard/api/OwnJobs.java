package dev.batchyard.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.batchyard.engine.JobSearch;
import dev.batchyard.engine.JobStateChanged;

/**
 * Lets through the events of one principal's jobs only, for an ENQUEUER's
 * {@code jobEvents} subscription. A job's owner is read once (events are checked on the
 * subscription's own thread, never the engine's) and remembered for the job's later
 * events, at most {@value #MAX_JOBS} jobs at a time.
 *
 * @author Batchyard
 */
final class OwnJobs implements Predicate<JobStateChanged> {

	static final int MAX_JOBS = 10_000;

	private final String principal;

	private final JobSearch search;

	private final Map<Long, Boolean> owned = new ConcurrentHashMap<>();

	OwnJobs(String principal, JobSearch search) {
		this.principal = principal;
		this.search = search;
	}

	@Override
	public boolean test(JobStateChanged event) {
		Boolean mine = this.owned.get(event.jobId());
		if (mine == null) {
			mine = this.search.enqueuedBy(event.jobId()).map(this.principal::equals).orElse(false);
			if (this.owned.size() >= MAX_JOBS) {
				this.owned.clear();
			}
			this.owned.put(event.jobId(), mine);
		}
		return mine;
	}

}
