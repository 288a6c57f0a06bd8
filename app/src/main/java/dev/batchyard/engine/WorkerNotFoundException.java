package dev.batchyard.engine;

/**
 * No current worker of this node has that id.
 *
 * @author Batchyard
 */
public class WorkerNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String workerId;

	public WorkerNotFoundException(String workerId, String nodeId) {
		super("No current worker of node " + nodeId + " has the id '" + workerId + "'");
		this.workerId = workerId;
	}

	public String workerId() {
		return this.workerId;
	}

}
