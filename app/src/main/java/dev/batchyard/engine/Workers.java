package dev.batchyard.engine;

import java.util.List;

/**
 * This node's workers: one pool per queue it serves. The scaling service resizes them.
 *
 * @author Batchyard
 */
public interface Workers {

	/** This node's id ({@code batchyard.node.id}, or the one generated at start). */
	String nodeId();

	/** The workers of this node, in the catalog's queue order. */
	List<Worker> workers();

	/**
	 * Resizes this node's pool of a queue. Takes effect at once for new claims and never
	 * interrupts running jobs: growing lets the dispatcher claim more now; shrinking lets
	 * the running jobs finish and claims nothing until fewer than {@code size} run.
	 * @param queueName the queue
	 * @param size the new number of workers, 1 to 50
	 * @throws InvalidJobRequestException if the size is out of range
	 * @throws dev.batchyard.catalog.QueueNotFoundException if this node does not serve
	 * the queue
	 */
	void resize(String queueName, int size);

	/**
	 * One queue's pool on this node.
	 *
	 * @param workerId {@code <queue>@<node>#<generation>}
	 * @param queueName the queue
	 * @param size workers it may run at once
	 * @param busy workers running a job now
	 * @param dispatching whether its dispatcher is claiming jobs for it (false only when
	 * its thread died, until the engine's housekeeping starts it again)
	 */
	record Worker(String workerId, String queueName, int size, int busy, boolean dispatching) {

	}

}
