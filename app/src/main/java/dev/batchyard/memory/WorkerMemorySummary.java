package dev.batchyard.memory;

import java.util.List;

/**
 * This node's workers.
 *
 * @param totalWorkers how many (one per queue the node serves)
 * @param totalJobsProcessed jobs their current generations processed
 * @param averageMemoryUsage MB: the node's heap in use at the last sample, which all its
 * workers share
 * @param workersNeedingRecycle how many are due for a recycle
 * @param workers each worker
 * @author Batchyard
 */
public record WorkerMemorySummary(int totalWorkers, long totalJobsProcessed, double averageMemoryUsage,
		int workersNeedingRecycle, List<WorkerMemoryState> workers) {

}
