package dev.batchyard.memory;

/**
 * What a recycle request did.
 *
 * @param success whether a recycle was started
 * @param workerId the worker
 * @param queueName its queue
 * @param status RECYCLING when started, FAILED when it was not
 * @param message a sentence for people
 * @author Batchyard
 */
public record RecycleWorkerResult(boolean success, String workerId, String queueName, Status status, String message) {

	/** What became of the request. */
	public enum Status {

		/** The worker is being recycled. */
		RECYCLING,

		/** Nothing was started (it was already being recycled). */
		FAILED

	}

}
