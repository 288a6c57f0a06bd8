package dev.batchyard.catalog;

/**
 * Thrown when a queue name is not in the catalog.
 *
 * @author Batchyard
 */
public class QueueNotFoundException extends RuntimeException {

	private final String queueName;

	public QueueNotFoundException(String queueName) {
		super("Queue '" + queueName + "' is not in the catalog");
		this.queueName = queueName;
	}

	/**
	 * The name that was looked up.
	 * @return the queue name
	 */
	public String queueName() {
		return this.queueName;
	}

}
