package dev.batchyard.engine;

import java.util.List;
import java.util.Optional;

/**
 * What applications, schedules and the API use to put work in: enqueue one job or many,
 * and look one up.
 *
 * @author Batchyard
 */
public interface Jobs {

	/**
	 * Enqueues one job. With a dedupe key, at most one unfinished job per queue and key
	 * exists: a second enqueue returns the first job, marked as a duplicate.
	 * @param request the request
	 * @return the job, and whether it already existed
	 * @throws InvalidJobRequestException for a bad argument (nothing is enqueued)
	 * @throws dev.batchyard.catalog.QueueNotFoundException for an unknown queue
	 */
	Enqueued enqueue(EnqueueRequest request);

	/**
	 * Enqueues many jobs in one transaction: all of them or, on a bad request, none.
	 * @param requests the requests
	 * @return one result per request, in order
	 */
	List<Enqueued> enqueueAll(List<EnqueueRequest> requests);

	/**
	 * A job with its failures and logs.
	 * @param id the id
	 * @return the job, or empty
	 */
	Optional<Job> find(long id);

}
