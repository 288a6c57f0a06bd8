package dev.batchyard.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One queue of the catalog, as configured at startup. Runtime changes (admin tuning) are
 * layered on top of it by the app; this value never changes.
 *
 * @param name the queue name, lowercase kebab ({@code email-campaigns})
 * @param tier the priority tier
 * @param concurrency the default worker count of the queue's pool on a node
 * @param minWorkers the smallest pool the scaling service may set
 * @param maxWorkers the largest pool the scaling service may set
 * @param timeout the hard timeout of one attempt
 * @param memoryBudgetMb the memory one job of this queue may use
 * @param limiters the names of the {@link RateLimitDefinition rate limits} every step
 * takes a permit from
 * @param retryPolicy attempts and backoff
 * @param alerts the alert thresholds the catalog sets for this queue (unset ones are
 * monitoring's common thresholds)
 * @author Batchyard
 */
public record QueueDefinition(String name, Tier tier, int concurrency, int minWorkers, int maxWorkers, Duration timeout,
		int memoryBudgetMb, List<String> limiters, RetryPolicy retryPolicy, AlertThresholds alerts) {

	public QueueDefinition {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(tier, "tier");
		Objects.requireNonNull(timeout, "timeout");
		Objects.requireNonNull(retryPolicy, "retryPolicy");
		limiters = (limiters != null) ? List.copyOf(limiters) : List.of();
		alerts = (alerts != null) ? alerts : AlertThresholds.NONE;
	}

	/**
	 * The priority of the queue's jobs, from its tier; lower runs first.
	 * @return the tier's priority
	 */
	public int priority() {
		return this.tier.priority();
	}

}
