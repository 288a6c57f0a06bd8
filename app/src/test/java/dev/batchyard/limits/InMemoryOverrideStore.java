package dev.batchyard.limits;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.batchyard.limits.internal.OverrideStore;

/**
 * Overrides kept in a map, standing in for the {@code rate_limit_override} table.
 */
public class InMemoryOverrideStore implements OverrideStore {

	private final Map<String, RateLimitInput> overrides = new ConcurrentHashMap<>();

	@Override
	public Map<String, RateLimitInput> loadAll() {
		return Map.copyOf(this.overrides);
	}

	@Override
	public void save(String limiterName, RateLimitInput override, String actor, Instant at) {
		this.overrides.put(limiterName, override);
	}

}
