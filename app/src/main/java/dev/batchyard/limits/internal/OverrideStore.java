package dev.batchyard.limits.internal;

import java.time.Instant;
import java.util.Map;

import dev.batchyard.limits.RateLimitInput;

/**
 * Where admins' rate limit changes are kept, shared by every node.
 *
 * @author Batchyard
 */
public interface OverrideStore {

	/**
	 * Every override, by limiter name.
	 * @return the overrides; a {@code null} value keeps the catalog's
	 */
	Map<String, RateLimitInput> loadAll();

	/**
	 * Replaces a limiter's override.
	 * @param limiterName the limiter
	 * @param override the complete override
	 * @param actor who changed it
	 * @param at when
	 */
	void save(String limiterName, RateLimitInput override, String actor, Instant at);

}
