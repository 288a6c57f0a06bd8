package dev.batchyard.engine;

import java.time.Duration;
import java.time.Instant;
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
	 * Each pool's current generation, in the catalog's queue order.
	 * @return one per queue this node serves
	 */
	List<WorkerGeneration> generations();

	/**
	 * Recycles a worker of this node: it stops claiming (RECYCLING), its running jobs get
	 * up to {@code grace} to finish, the rest are handed back to {@code waiting} without
	 * spending an attempt, and a new generation starts with new threads (STARTING, then
	 * ACTIVE). Returns at once; the recycle goes on in the background and publishes
	 * {@link WorkerRecycled} when the new generation is active.
	 * @param workerId the worker's id, {@code <queue>@<node>#<generation>} (its current
	 * generation)
	 * @param reason why, for the log and the event
	 * @param grace how long running jobs may take; zero hands them back at once
	 * @return false when the worker is already being recycled (nothing was started)
	 * @throws WorkerNotFoundException when no current worker of this node has the id
	 */
	boolean recycle(String workerId, String reason, Duration grace);

	/** Where a worker is in its lifecycle. */
	enum WorkerStatus {

		/** Its new generation's threads are being made. */
		STARTING,

		/** Claiming and running jobs. */
		ACTIVE,

		/** Claims nothing; its running jobs finish or are handed back. */
		RECYCLING

	}

	/**
	 * A pool's current generation.
	 *
	 * @param workerId {@code <queue>@<node>#<generation>}
	 * @param queueName the queue
	 * @param generation 1 when the node starts, one more per recycle
	 * @param status where it is in its lifecycle
	 * @param jobsProcessed jobs its workers returned from, whatever the outcome
	 * @param startedAt when the generation started
	 * @param busy workers running a job now
	 */
	record WorkerGeneration(String workerId, String queueName, int generation, WorkerStatus status, long jobsProcessed,
			Instant startedAt, int busy) {

	}

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
