package dev.batchyard.api;

import java.util.List;

import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.catalog.Tier;

/**
 * A queue as the GraphQL {@code Queue} type shows it: the catalog's definition with its
 * runtime state.
 *
 * @param name the queue name
 * @param tier the priority tier
 * @param priority the tier's priority
 * @param concurrency default workers per node
 * @param minWorkers fewest workers
 * @param maxWorkers most workers
 * @param timeout hard timeout in ms
 * @param memoryLimitMB memory budget of a job in MB
 * @param limiters rate limiter names
 * @param maxAttempts attempts before a job stays failed
 * @param paused whether the queue is paused
 * @author Batchyard
 */
record QueueView(String name, Tier tier, int priority, int concurrency, int minWorkers, int maxWorkers, int timeout,
		int memoryLimitMB, List<String> limiters, int maxAttempts, boolean paused) {

	static QueueView of(QueueDefinition queue, boolean paused) {
		return new QueueView(queue.name(), queue.tier(), queue.priority(), queue.concurrency(), queue.minWorkers(),
				queue.maxWorkers(), Math.toIntExact(queue.timeout().toMillis()), queue.memoryBudgetMb(),
				queue.limiters(), queue.retryPolicy().maxAttempts(), paused);
	}

}
