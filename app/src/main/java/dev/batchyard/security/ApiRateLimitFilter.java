package dev.batchyard.security;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each principal (user or API token) to a number of API requests per calendar
 * minute, counted per role and principal: 300 by default, 6000 for the ENQUEUER role (its
 * own limit, {@code batchyard.api.rate-limit.roles.enqueuer}; 0 turns it off). Every
 * response says where the caller stands ({@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} in epoch seconds); past the
 * limit the answer is HTTP 429 with {@code Retry-After} and a GraphQL error with code
 * {@code RATE_LIMITED} and {@code retryAfter} in seconds. Callers without credentials are
 * counted by address. The health probe is not counted.
 *
 * @author Batchyard
 */
class ApiRateLimitFilter extends OncePerRequestFilter {

	private static final long WINDOW_MS = 60_000;

	private final RequestCounter counter;

	private final ApiRateLimitProperties limits;

	private final Clock clock;

	ApiRateLimitFilter(RequestCounter counter, ApiRateLimitProperties limits, Clock clock) {
		this.counter = counter;
		this.limits = limits;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		boolean authenticated = authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
		Role role = authenticated ? role(authentication) : null;
		int limit = this.limits.limitFor(role);
		if (limit == 0) {
			chain.doFilter(request, response);
			return;
		}
		String caller = authenticated ? role + ":" + authentication.getName() : "address:" + request.getRemoteAddr();
		long now = this.clock.millis();
		long windowStart = now - (now % WINDOW_MS);
		long count = this.counter.count(caller, windowStart);
		long resetSeconds = (windowStart + WINDOW_MS) / 1000;
		response.setHeader("X-RateLimit-Limit", String.valueOf(limit));
		response.setHeader("X-RateLimit-Remaining", String.valueOf(Math.max(0, limit - count)));
		response.setHeader("X-RateLimit-Reset", String.valueOf(resetSeconds));
		if (count > limit) {
			long retryAfter = Math.max(1, (windowStart + WINDOW_MS - now + 999) / 1000);
			refuse(response, limit, retryAfter);
			return;
		}
		chain.doFilter(request, response);
	}

	/** The role a principal is counted under: its strongest. */
	private static Role role(Authentication authentication) {
		for (Role role : Role.values()) {
			for (var authority : authentication.getAuthorities()) {
				if (role.authority().equals(authority.getAuthority())) {
					return role;
				}
			}
		}
		return null;
	}

	private void refuse(HttpServletResponse response, int limit, long retryAfter) throws IOException {
		response.setStatus(429);
		response.setHeader("Retry-After", String.valueOf(retryAfter));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"errors\":[{\"message\":\"Rate limit of " + limit + " requests per minute reached; retry in "
					+ retryAfter + " s\",\"extensions\":{\"code\":\"RATE_LIMITED\",\"retryAfter\":" + retryAfter
					+ "}}]}");
	}

}
