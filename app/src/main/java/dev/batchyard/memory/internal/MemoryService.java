package dev.batchyard.memory.internal;

import java.util.List;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.memory.AllocationStats;
import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.memory.Memory;
import dev.batchyard.memory.MemoryProperties;
import dev.batchyard.memory.MemorySettings;
import dev.batchyard.memory.RecycleWorkerResult;
import dev.batchyard.memory.WorkerMemorySummary;

/**
 * {@link Memory} over the sampler, the allocation percentiles and the catalog's budgets.
 *
 * @author Batchyard
 */
class MemoryService implements Memory {

	private final MemorySampler sampler;

	private final AllocationPercentiles allocations;

	private final MemorySettings settings;

	private final WorkerRecycler recycler;

	MemoryService(MemorySampler sampler, AllocationPercentiles allocations, QueueCatalog catalog,
			MemoryProperties properties, WorkerRecycler recycler) {
		this.sampler = sampler;
		this.recycler = recycler;
		this.allocations = allocations;
		this.settings = new MemorySettings(
				new MemorySettings.Worker(properties.softLimitMb(), properties.hardLimitMb(),
						properties.warningThresholdPercent()),
				catalog.queues()
					.stream()
					.map((queue) -> new MemorySettings.QueueMemoryLimit(queue.name(),
							properties.budgets().getOrDefault(queue.name(), queue.memoryBudgetMb())))
					.toList(),
				new MemorySettings.Recycling(properties.recycleAfterJobs(), properties.recycleAfterHours()));
	}

	@Override
	public CurrentMemory current() {
		return this.sampler.last();
	}

	@Override
	public CurrentMemory sample() {
		return this.sampler.sample();
	}

	@Override
	public MemorySettings settings() {
		return this.settings;
	}

	@Override
	public List<AllocationStats> allocations() {
		return this.allocations.stats();
	}

	@Override
	public WorkerMemorySummary workers() {
		return this.recycler.summary();
	}

	@Override
	public RecycleWorkerResult recycle(String workerId, String reason, boolean graceful) {
		return this.recycler.recycle(workerId, reason, graceful);
	}

}
