package dev.batchyard.engine;

/**
 * The queue is not paused, so it cannot be resumed.
 *
 * @author Batchyard
 */
public class QueueNotPausedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String queueName;

	public QueueNotPausedException(String queueName) {
		super("Queue '" + queueName + "' is not paused");
		this.queueName = queueName;
	}

	public String queueName() {
		return this.queueName;
	}

}
