package dev.batchyard.api;

import java.util.List;

import dev.batchyard.engine.JobState;
import dev.batchyard.engine.QueueControls;

/**
 * The results of the queue mutations as the GraphQL types show them.
 *
 * @author Batchyard
 */
final class QueueControlResults {

	private QueueControlResults() {
	}

	/** The GraphQL {@code QueueStatus}. */
	enum QueueStatus {

		PAUSED, ACTIVE

	}

	/**
	 * The GraphQL {@code QueueControlResult}.
	 *
	 * @param success whether it worked
	 * @param queueName the queue
	 * @param status its status now
	 */
	record QueueControlResult(boolean success, String queueName, QueueStatus status) {

		static QueueControlResult of(QueueControls.QueueStatus status) {
			return new QueueControlResult(true, status.queueName(),
					status.paused() ? QueueStatus.PAUSED : QueueStatus.ACTIVE);
		}

	}

	/**
	 * The GraphQL {@code CleanQueueInput}.
	 *
	 * @param status the state to clean
	 * @param grace only jobs at least this many ms old
	 * @param limit the most jobs removed
	 */
	record CleanQueueInput(JobState status, Long grace, Integer limit) {

	}

	/**
	 * The GraphQL {@code CleanQueueResult}.
	 *
	 * @param success whether it worked
	 * @param queueName the queue
	 * @param status the state cleaned
	 * @param removed how many jobs were removed
	 */
	record CleanQueueResult(boolean success, String queueName, JobState status, int removed) {

		static CleanQueueResult of(QueueControls.CleanResult result) {
			return new CleanQueueResult(true, result.queueName(), result.state(), result.removed());
		}

	}

	/**
	 * The GraphQL {@code RetryFailedJobsResult}.
	 *
	 * @param success whether every failed job looked at was retried
	 * @param queueName the queue
	 * @param total failed jobs looked at
	 * @param retried put back to waiting
	 * @param failed could not be retried
	 * @param errors why
	 */
	record RetryFailedJobsResult(boolean success, String queueName, int total, int retried, int failed,
			List<String> errors) {

		static RetryFailedJobsResult of(QueueControls.RetryFailedResult result) {
			return new RetryFailedJobsResult(result.failed() == 0, result.queueName(), result.total(), result.retried(),
					result.failed(), result.errors());
		}

	}

}
