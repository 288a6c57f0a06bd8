package dev.batchyard.limits;

/**
 * An attempt to disable the adaptive timeout of a CRITICAL queue, which must keep it
 * (error code {@code INVALID_PARAMETERS}); nothing was changed.
 *
 * @author Batchyard
 */
public class AdaptiveTimeoutRequiredException extends RuntimeException {

	private final String queueName;

	public AdaptiveTimeoutRequiredException(String queueName) {
		super("Adaptive timeout cannot be disabled on CRITICAL queue '" + queueName
				+ "': it keeps a hung job from holding a critical worker for the whole configured timeout; "
				+ "change the queue's timeout ceiling instead");
		this.queueName = queueName;
	}

	/**
	 * The queue.
	 * @return its name
	 */
	public String getQueueName() {
		return this.queueName;
	}

}
