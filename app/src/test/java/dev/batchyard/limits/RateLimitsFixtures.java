package dev.batchyard.limits;

import java.util.List;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.RateLimitAlgorithm;
import dev.batchyard.catalog.RateLimitDefinition;
import dev.batchyard.limits.internal.Limiting;
import dev.batchyard.limits.internal.RateLimitConfigs;

/**
 * Builds {@link RateLimits} around the limiting under test.
 */
public final class RateLimitsFixtures {

	private RateLimitsFixtures() {
	}

	public static RateLimitDefinition perSecond(String name, RateLimitAlgorithm algorithm, long perSecond) {
		return new RateLimitDefinition(name, algorithm, perSecond, null, null, null);
	}

	public static RateLimits rateLimits(Limiting limiting, RateLimitDefinition... definitions) {
		return rateLimits(limiting, new InMemoryOverrideStore(), definitions);
	}

	public static RateLimits rateLimits(Limiting limiting, InMemoryOverrideStore store,
			RateLimitDefinition... definitions) {
		QueueCatalog catalog = QueueCatalog.of(List.of(), List.of(definitions));
		return new RateLimits(new RateLimitConfigs(catalog, store, new ManualTime()), limiting);
	}

}
