package dev.batchyard.catalog.spi;

import org.springframework.batch.core.job.Job;

/**
 * A kind of work Batchyard runs: a Spring Batch {@link Job} with a name, a default queue
 * and a payload type. Declare one as a Spring bean; at startup every job type's default
 * queue must exist in the catalog and every name must be unique.
 * <p>
 * A job type knows nothing of dispatch, scaling or the API: the engine wraps every step
 * in the queue's rate limiters and time limiter.
 *
 * @param <P> the payload type
 * @author Batchyard
 */
public interface JobType<P> {

	/**
	 * The name, default queue and payload type.
	 * @return the descriptor
	 */
	JobTypeDescriptor<P> descriptor();

	/**
	 * The Spring Batch job that does the work.
	 * @return the job
	 */
	Job job();

}
