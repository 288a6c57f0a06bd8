package dev.batchyard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API's own rate limit, bound from {@code batchyard.api.rate-limit}: requests per
 * user per minute, shared across nodes when Redis is configured.
 *
 * @param enabled whether requests are limited
 * @param requestsPerMinute requests each user may make per calendar minute
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.api.rate-limit")
public record ApiRateLimitProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("300") int requestsPerMinute) {

	public ApiRateLimitProperties {
		if (requestsPerMinute < 1) {
			throw new IllegalArgumentException(
					"batchyard.api.rate-limit.requests-per-minute must be at least 1 (was " + requestsPerMinute + ")");
		}
	}

}
