package dev.batchyard.engine;

import java.time.Duration;
import java.util.List;

/**
 * The verbs an admin uses on queues and jobs, each atomic in the store and effective on
 * every node: a paused queue claims nothing anywhere (running jobs finish), a cancelled
 * active job is interrupted wherever it runs.
 *
 * @author Batchyard
 */
public interface QueueControls {

	/**
	 * Pauses a queue: no node claims from it until it is resumed; running jobs finish.
	 * @throws QueueAlreadyPausedException if it is paused
	 */
	QueueStatus pause(String queueName, String actor);

	/**
	 * Resumes a paused queue.
	 * @throws QueueNotPausedException if it is not paused
	 */
	QueueStatus resume(String queueName, String actor);

	/**
	 * Removes up to {@code limit} jobs of a queue in a state (completed, failed, delayed
	 * or waiting) that finished (or, unfinished, were created) at least {@code grace}
	 * ago.
	 */
	CleanResult clean(String queueName, JobState state, Duration grace, int limit);

	/**
	 * Puts up to {@code limit} failed jobs of a queue back to waiting, oldest first, each
	 * with a fresh set of attempts (numbered on: a job that failed attempts 1 to 3 runs
	 * attempts 4 to 6). Their failure history is kept.
	 */
	RetryFailedResult retryFailed(String queueName, int limit);

	/**
	 * Puts one failed or cancelled job back to waiting with a fresh set of attempts.
	 * @throws JobNotFoundException if there is no such job
	 */
	Job retry(long jobId);

	/**
	 * Cancels a waiting, delayed or active job; an active one is asked to stop and its
	 * thread is interrupted.
	 * @throws JobNotFoundException if there is no such job
	 */
	Job cancel(long jobId);

	/**
	 * Deletes a job with its results, failures and logs, stopping it first if it runs.
	 * @throws JobNotFoundException if there is no such job
	 */
	void delete(long jobId);

	/**
	 * Whether a queue is paused, and since when.
	 *
	 * @param queueName the queue
	 * @param paused whether it is paused
	 */
	record QueueStatus(String queueName, boolean paused) {

	}

	/**
	 * What a clean removed.
	 *
	 * @param queueName the queue
	 * @param state the state cleaned
	 * @param removed how many jobs were removed
	 */
	record CleanResult(String queueName, JobState state, int removed) {

	}

	/**
	 * What a retry of failed jobs did.
	 *
	 * @param queueName the queue
	 * @param total failed jobs looked at
	 * @param retried put back to waiting
	 * @param failed could not be retried
	 * @param errors why, one sentence per job that could not be retried
	 */
	record RetryFailedResult(String queueName, int total, int retried, int failed, List<String> errors) {

	}

}
