package dev.batchyard.api;

import java.security.Principal;
import java.util.List;

import dev.batchyard.limits.RateLimitConfig;
import dev.batchyard.limits.RateLimitInput;
import dev.batchyard.limits.RateLimitStatus;
import dev.batchyard.limits.RateLimits;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The {@code rateLimits} and {@code rateLimitStatus} queries and the
 * {@code updateRateLimit} mutation.
 *
 * @author Batchyard
 */
@Controller
class RateLimitController {

	private final RateLimits rateLimits;

	RateLimitController(RateLimits rateLimits) {
		this.rateLimits = rateLimits;
	}

	@QueryMapping
	List<RateLimitConfig> rateLimits() {
		return this.rateLimits.configs();
	}

	@QueryMapping
	RateLimitStatus rateLimitStatus(@Argument String limiterName) {
		return this.rateLimits.status(limiterName);
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	RateLimitConfig updateRateLimit(@Argument String limiterName, @Argument RateLimitInput input, Principal principal) {
		return this.rateLimits.update(limiterName, input, principal.getName());
	}

}
