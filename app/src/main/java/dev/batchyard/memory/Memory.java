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

}
