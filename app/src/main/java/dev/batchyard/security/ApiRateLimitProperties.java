package dev.batchyard.security;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API's own rate limit, bound from {@code batchyard.api.rate-limit}: requests per
 * principal (user or API token) per minute, counted per role and principal, shared across
 * nodes when Redis is configured.
 *
 * @param enabled whether requests are limited
 * @param requestsPerMinute requests each principal may make per calendar minute, for
 * roles without a limit of their own (ADMIN and VIEWER unless set)
 * @param roles a role's own limit per principal and minute; 0 turns the limit off for the
 * role. ENQUEUER defaults to 6000 (100 enqueues a second per application)
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.api.rate-limit")
public record ApiRateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("300") int requestsPerMinute,
		Map<Role, Integer> roles) {

	/** The ENQUEUER role's limit unless configured. */
	public static final int DEFAULT_ENQUEUER_REQUESTS_PER_MINUTE = 6000;

	public ApiRateLimitProperties {
		if (requestsPerMinute < 1) {
			throw new IllegalArgumentException(
					"batchyard.api.rate-limit.requests-per-minute must be at least 1 (was " + requestsPerMinute + ")");
		}
		Map<Role, Integer> limits = new EnumMap<>(Role.class);
		limits.put(Role.ENQUEUER, DEFAULT_ENQUEUER_REQUESTS_PER_MINUTE);
		if (roles != null) {
			roles.forEach((role, limit) -> {
				if (limit == null || limit < 0) {
					throw new IllegalArgumentException("batchyard.api.rate-limit.roles." + role
							+ " must be at least 0 (0 turns the limit off; was " + limit + ")");
				}
				limits.put(role, limit);
			});
		}
		roles = Map.copyOf(limits);
	}

	/**
	 * The limit per principal and minute of a role.
	 * @param role the role, or null for callers without one
	 * @return the limit, 0 for none
	 */
	public int limitFor(Role role) {
		return (role != null) ? this.roles.getOrDefault(role, this.requestsPerMinute) : this.requestsPerMinute;
	}

}
