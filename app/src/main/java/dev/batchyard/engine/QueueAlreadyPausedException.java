package dev.batchyard.engine;

/**
 * The queue is paused already.
 *
 * @author Batchyard
 */
public class QueueAlreadyPausedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String queueName;

	public QueueAlreadyPausedException(String queueName) {
		super("Queue '" + queueName + "' is already paused; resume it first");
		this.queueName = queueName;
	}

	public String queueName() {
		return this.queueName;
	}

}
