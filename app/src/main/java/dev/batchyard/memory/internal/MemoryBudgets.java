package dev.batchyard.memory.internal;

import java.util.Map;

import dev.batchyard.engine.InvalidJobRequestException;
import dev.batchyard.engine.MemoryAdmission;
import dev.batchyard.engine.Workers;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Memory-aware admission for the queues with a declared budget. The headroom is the hard
 * limit, minus the heap in use at the last sample, minus the budgets of the budgeted jobs
 * this node runs (its pools' busy workers); a queue may start as many jobs as whole
 * budgets fit in it. Queues without a budget are answered from one map lookup, so their
 * claims cost what they did. Two budgeted queues may claim at the same instant against
 * the same headroom: the check bounds what a node starts, it does not reserve.
 *
 * @author Batchyard
 */
class MemoryBudgets implements MemoryAdmission {

	private final Map<String, Integer> budgets;

	private final int hardLimitMb;

	private final MemorySampler sampler;

	/** The engine itself, which asks this: looked up at first use. */
	private final ObjectProvider<Workers> workers;

	MemoryBudgets(Map<String, Integer> budgets, int hardLimitMb, MemorySampler sampler,
			ObjectProvider<Workers> workers) {
		this.budgets = budgets;
		this.hardLimitMb = hardLimitMb;
		this.sampler = sampler;
		this.workers = workers;
	}

	@Override
	public void checkEnqueue(String queueName) {
		Integer budget = this.budgets.get(queueName);
		if (budget != null && budget > this.hardLimitMb) {
			throw new InvalidJobRequestException("memory",
					"memory: a job of queue '" + queueName + "' needs a budget of " + budget
							+ " MB, more than the hard limit of " + this.hardLimitMb
							+ " MB (batchyard.memory.hard-limit-mb): no node could ever run it");
		}
	}

	@Override
	public int admissible(String queueName) {
		Integer budget = this.budgets.get(queueName);
		if (budget == null) {
			return Integer.MAX_VALUE;
		}
		return (int) Math.max(Math.floor(headroomMb() / budget), 0);
	}

	double headroomMb() {
		double running = 0;
		for (Workers.Worker worker : this.workers.getObject().workers()) {
			Integer budget = this.budgets.get(worker.queueName());
			if (budget != null) {
				running += (double) Math.max(worker.busy(), 0) * budget;
			}
		}
		return this.hardLimitMb - this.sampler.last().stats().heapUsed() - running;
	}

}
