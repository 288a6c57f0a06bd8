package dev.batchyard.memory;

import java.util.List;

/**
 * This node's memory: figures, limits, configuration and allocations.
 *
 * @author Batchyard
 */
public interface Memory {

	/**
	 * The last sample (taken now if none was yet) with the limits and status.
	 * @return the current memory
	 */
	CurrentMemory current();

	/**
	 * Takes a sample now, publishing {@link MemoryThresholdCrossed} where one is first
	 * crossed.
	 * @return the sample with the limits and status
	 */
	CurrentMemory sample();

	/**
	 * The memory configuration.
	 * @return the limits, the queues' job budgets and the recycling settings
	 */
	MemorySettings settings();

	/**
	 * Every queue's allocation figures on this node, for queues with measured attempts.
	 * @return one entry per queue, by name
	 */
	List<AllocationStats> allocations();

	/**
	 * This node's workers with what they processed and whether they are due for a
	 * recycle.
	 * @return the summary
	 */
	WorkerMemorySummary workers();

	/**
	 * Recycles one of this node's workers now (in the background).
	 * @param workerId its id, {@code <queue>@<node>#<generation>}
	 * @param reason why
	 * @param graceful whether its running jobs get {@code recycle-grace} to finish;
	 * otherwise they are handed back at once
	 * @return RECYCLING, or FAILED when it is already being recycled
	 * @throws dev.batchyard.engine.WorkerNotFoundException for an unknown id
	 * @throws IllegalArgumentException when the reason is blank
	 */
	RecycleWorkerResult recycle(String workerId, String reason, boolean graceful);

}
