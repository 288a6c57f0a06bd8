package dev.batchyard.engine;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.Ordered;

/**
 * Wraps every step of every job, in {@link #getOrder() order} (lowest outermost): step
 * timing, the queue's rate limiters, its time limiter. Declare one as a Spring bean.
 *
 * @author Batchyard
 */
public interface StepDecorator extends Ordered {

	/**
	 * Runs around one step.
	 * @param step the step's execution
	 * @param job the job the step belongs to
	 * @param next the rest of the chain, ending in the step itself
	 * @throws Exception whatever the step or the decorator throws: the attempt fails
	 */
	void around(StepExecution step, RunningJob job, Invocation next) throws Exception;

	/**
	 * The rest of the chain.
	 */
	@FunctionalInterface
	interface Invocation {

		void proceed() throws Exception;

	}

	/**
	 * What a decorator knows of the job whose step it wraps.
	 *
	 * @param jobId the job's id
	 * @param queueName its queue
	 * @param type its type
	 * @param attempt the attempt, 1 for the first
	 */
	record RunningJob(long jobId, String queueName, String type, int attempt) {

	}

}
