package dev.batchyard.limits.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.RateLimitDefinition;
import dev.batchyard.limits.InvalidRateLimitException;
import dev.batchyard.limits.LimiterNotFoundException;
import dev.batchyard.limits.RateLimitConfig;
import dev.batchyard.limits.RateLimitInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The effective configuration of every limiter: the catalog's definition overlaid by the
 * admin's override from the {@link OverrideStore}, kept in memory and reloaded by
 * {@link #refresh()} (every node polls, so a change made on one node reaches the others
 * within the refresh interval).
 *
 * @author Batchyard
 */
public final class RateLimitConfigs {

	private static final Logger logger = LoggerFactory.getLogger(RateLimitConfigs.class);

	private final QueueCatalog catalog;

	private final OverrideStore store;

	private final Clock clock;

	private volatile Map<String, RateLimitInput> overrides;

	public RateLimitConfigs(QueueCatalog catalog, OverrideStore store, Clock clock) {
		this.catalog = catalog;
		this.store = store;
		this.clock = clock;
		this.overrides = store.loadAll();
	}

	/**
	 * Every limiter's effective configuration, by name.
	 * @return the configurations
	 */
	public List<RateLimitConfig> all() {
		return this.catalog.rateLimits().stream().map(this::effective).toList();
	}

	/**
	 * A limiter's effective configuration.
	 * @param limiterName the limiter
	 * @return the configuration
	 * @throws LimiterNotFoundException when there is no such limiter
	 */
	public RateLimitConfig get(String limiterName) {
		return effective(definition(limiterName));
	}

	/**
	 * Validates and persists an admin's change; nothing changes when it is invalid.
	 * @param limiterName the limiter
	 * @param input the change
	 * @param actor who makes it
	 * @return the new effective configuration
	 * @throws LimiterNotFoundException when there is no such limiter
	 * @throws InvalidRateLimitException when a limit is below 1, or nothing is given
	 */
	public RateLimitConfig update(String limiterName, RateLimitInput input, String actor) {
		RateLimitDefinition definition = definition(limiterName);
		if (input == null || input.isEmpty()) {
			throw new InvalidRateLimitException("input",
					"Give at least one of algorithm, perSecond, perMinute, perHour, perDay to change rate limiter '"
							+ limiterName + "'");
		}
		requireAtLeastOne("perSecond", input.perSecond());
		requireAtLeastOne("perMinute", input.perMinute());
		requireAtLeastOne("perHour", input.perHour());
		requireAtLeastOne("perDay", input.perDay());
		RateLimitInput existing = this.overrides.get(definition.name());
		RateLimitInput merged = (existing != null) ? overlay(existing, input) : input;
		RateLimitConfig config = RateLimitConfig.of(definition).with(merged);
		if (config.perSecond() == null && config.perMinute() == null && config.perHour() == null
				&& config.perDay() == null) {
			throw new InvalidRateLimitException("input", "Rate limiter '" + limiterName
					+ "' needs at least one window: give perSecond, perMinute, " + "perHour or perDay");
		}
		this.store.save(definition.name(), merged, actor, this.clock.instant());
		refresh();
		return get(limiterName);
	}

	/**
	 * Reloads the overrides; keeps the ones it has when the store cannot be read.
	 */
	public void refresh() {
		try {
			this.overrides = Map.copyOf(this.store.loadAll());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not reload rate limit overrides; keeping the ones loaded before: {}", ex.toString());
		}
	}

	private RateLimitDefinition definition(String limiterName) {
		return this.catalog.findRateLimit(limiterName).orElseThrow(() -> new LimiterNotFoundException(limiterName));
	}

	private RateLimitConfig effective(RateLimitDefinition definition) {
		RateLimitConfig config = RateLimitConfig.of(definition);
		RateLimitInput override = this.overrides.get(definition.name());
		return (override != null) ? config.with(override) : config;
	}

	private static RateLimitInput overlay(RateLimitInput base, RateLimitInput change) {
		return new RateLimitInput(or(change.algorithm(), base.algorithm()), or(change.perSecond(), base.perSecond()),
				or(change.perMinute(), base.perMinute()), or(change.perHour(), base.perHour()),
				or(change.perDay(), base.perDay()));
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static void requireAtLeastOne(String field, Long limit) {
		if (limit != null && limit < 1) {
			throw new InvalidRateLimitException(field, field + " must be at least 1, was " + limit
					+ "; to stop jobs that use this limiter, pause their queue instead");
		}
	}

}
