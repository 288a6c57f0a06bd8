package dev.batchyard.catalog.spi;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the engine offers one attempt of one job: the Batch infrastructure matching the
 * job's {@link Bookkeeping}, and a way to report progress, log lines and a result.
 *
 * @author Batchyard
 */
public interface JobContext {

	/** The job's id. */
	long jobId();

	/** The attempt being run, 1 for the first. */
	int attempt();

	/** The queue the job runs on. */
	String queueName();

	/** The job repository matching the job's bookkeeping. */
	JobRepository jobRepository();

	/** The transaction manager matching the job's bookkeeping. */
	PlatformTransactionManager transactionManager();

	/**
	 * A step builder over this attempt's job repository.
	 * @param name the step name, unique within the job
	 * @return the builder
	 */
	default StepBuilder step(String name) {
		return new StepBuilder(name, jobRepository());
	}

	/**
	 * A job of the given steps run in order, each wrapped in the engine's step
	 * decorators.
	 * @param name the Batch job name (usually the job type's name)
	 * @param steps the steps in order
	 * @return the job
	 */
	Job job(String name, Step... steps);

	/**
	 * Wraps an item processor so that every item takes a permit from the rate limiters of
	 * the job's queue and type first. An item that meets a closed limiter ends the
	 * attempt (its chunk rolls back) and the job goes back to {@code delayed} for the
	 * limiter's retry-after without spending the attempt; a durable job resumes at that
	 * chunk.
	 * @param <I> the item type
	 * @param <O> the processed item type
	 * @param processor the processor
	 * @return the rate-limited processor
	 */
	<I, O> ItemProcessor<I, O> permitPerItem(ItemProcessor<I, O> processor);

	/**
	 * Reports progress.
	 * @param percent 0 to 100
	 */
	void progress(int percent);

	/**
	 * Appends a line to the job's log (the log is bounded: the oldest lines go first).
	 * @param line the line
	 */
	void log(String line);

	/**
	 * Sets the job's result, kept as JSON when the job completes.
	 * @param result a value Jackson can write
	 */
	void result(Object result);

	/** Whether the job has been asked to stop (cancelled, or its node is leaving). */
	boolean stopRequested();

}
