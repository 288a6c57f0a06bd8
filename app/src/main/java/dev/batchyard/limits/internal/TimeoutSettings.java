package dev.batchyard.limits.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.catalog.Tier;
import dev.batchyard.limits.AdaptiveTimeoutRequiredException;
import dev.batchyard.limits.InvalidTimeoutException;
import dev.batchyard.limits.TimeoutConfig;
import dev.batchyard.limits.TimeoutInput;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every queue's timeout policy: the catalog's timeout, overlaid by the admin's override
 * from {@code queue_state}, and the adaptive timeout computed from the cluster's recent
 * histograms. Kept in memory and reloaded by {@link #refresh()} (every node polls, so a
 * change made on one node reaches the others within the refresh interval).
 * <p>
 * Defaults: the catalog's timeout; adaptive on CRITICAL queues (where it cannot be turned
 * off) and off elsewhere until an admin turns it on; soft warning at
 * {@value #DEFAULT_SOFT_PERCENTAGE} %.
 *
 * @author Batchyard
 */
public final class TimeoutSettings {

	/** The soft warning point, in percent of the effective timeout, unless changed. */
	public static final int DEFAULT_SOFT_PERCENTAGE = 80;

	/** The smallest timeout one may configure. */
	public static final Duration MIN_TIMEOUT = Duration.ofMillis(1000);

	/** The largest timeout one may configure. */
	public static final Duration MAX_TIMEOUT = Duration.ofMillis(7_200_000);

	private static final Logger logger = LoggerFactory.getLogger(TimeoutSettings.class);

	private final QueueCatalog catalog;

	private final TimeoutOverrideStore store;

	private final ExecutionHistograms histograms;

	private final Clock clock;

	private volatile Map<String, TimeoutInput> overrides;

	private volatile Map<String, Recent> recent = Map.of();

	public TimeoutSettings(QueueCatalog catalog, TimeoutOverrideStore store, ExecutionHistograms histograms,
			Clock clock) {
		this.catalog = catalog;
		this.store = store;
		this.histograms = histograms;
		this.clock = clock;
		this.overrides = Map.copyOf(store.loadAll());
	}

	/**
	 * A queue's policy now.
	 * @param queueName the queue
	 * @return the policy
	 * @throws dev.batchyard.catalog.QueueNotFoundException when there is no such queue
	 */
	public TimeoutConfig get(String queueName) {
		return effective(this.catalog.get(queueName));
	}

	/**
	 * Every queue's policy, in catalog order.
	 * @return the policies
	 */
	public List<TimeoutConfig> all() {
		return this.catalog.queues().stream().map(this::effective).toList();
	}

	/**
	 * Validates and persists an admin's change; nothing changes when it is invalid.
	 * @param queueName the queue
	 * @param input the change
	 * @param actor who makes it
	 * @return the queue's new policy
	 */
	public TimeoutConfig update(String queueName, TimeoutInput input, String actor) {
		QueueDefinition queue = this.catalog.get(queueName);
		if (input == null || input.isEmpty()) {
			throw new InvalidTimeoutException("input",
					"Give at least one of timeout, adaptiveEnabled, softTimeoutPercentage to change the timeouts of "
							+ "queue '" + queueName + "'");
		}
		if (input.timeout() != null
				&& (input.timeout() < MIN_TIMEOUT.toMillis() || input.timeout() > MAX_TIMEOUT.toMillis())) {
			throw new InvalidTimeoutException("timeout", "timeout must be between " + MIN_TIMEOUT.toMillis() + " and "
					+ MAX_TIMEOUT.toMillis() + " ms (1 s to 2 h), was " + input.timeout());
		}
		Integer soft = input.softTimeoutPercentage();
		if (soft != null && (soft < 1 || soft > 100)) {
			throw new InvalidTimeoutException("softTimeoutPercentage",
					"softTimeoutPercentage must be between 1 and 100, was " + soft);
		}
		if (Boolean.FALSE.equals(input.adaptiveEnabled()) && queue.tier() == Tier.CRITICAL) {
			throw new AdaptiveTimeoutRequiredException(queueName);
		}
		this.store.save(queue.name(), input, actor, this.clock.instant());
		this.overrides = Map.copyOf(this.store.loadAll());
		return get(queueName);
	}

	/**
	 * Writes this node's histograms, then reloads the overrides and the recent histograms
	 * of every node; keeps what it had when the store cannot be reached.
	 */
	public void refresh() {
		try {
			this.histograms.flush();
			this.overrides = Map.copyOf(this.store.loadAll());
			Map<String, Recent> recent = new HashMap<>();
			this.histograms.recent().forEach((queue, histogram) -> recent.put(queue, Recent.of(histogram)));
			this.recent = Map.copyOf(recent);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not refresh timeouts; keeping the ones loaded before: {}", ex.toString());
		}
	}

	private TimeoutConfig effective(QueueDefinition queue) {
		TimeoutInput override = this.overrides.get(queue.name());
		Duration timeout = (override != null && override.timeout() != null) ? Duration.ofMillis(override.timeout())
				: queue.timeout();
		boolean adaptive = queue.tier() == Tier.CRITICAL
				|| (override != null && Boolean.TRUE.equals(override.adaptiveEnabled()));
		int soft = (override != null && override.softTimeoutPercentage() != null) ? override.softTimeoutPercentage()
				: DEFAULT_SOFT_PERCENTAGE;
		Recent recent = this.recent.get(queue.name());
		Duration effective = (recent != null)
				? AdaptiveTimeout.effective(timeout, adaptive, recent.samples(), recent.p95Ms()) : timeout;
		return new TimeoutConfig(queue.name(), timeout, adaptive, soft, effective);
	}

	/** What adaptation needs of a queue's recent histogram. */
	private record Recent(long samples, long p95Ms) {

		static Recent of(Histogram histogram) {
			return new Recent(histogram.getTotalCount(), histogram.getValueAtPercentile(95));
		}

	}

}
