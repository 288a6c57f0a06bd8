package dev.batchyard.security;

import java.security.SecureRandom;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Every request needs a user with the role ADMIN or VIEWER, except the health probe a
 * load balancer asks and the dashboard's login page. Scripts and GraphiQL use HTTP Basic;
 * with a JWT issuer configured, bearer tokens work too, their role read from a claim.
 * Browsers log in to the dashboard through a form and keep a session
 * ({@link BrowserLogin}). Actuator endpoints other than health need the ADMIN role,
 * except {@code /actuator/prometheus}, which the METRICS role (a scraper's user) may read
 * too.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder(CredentialCacheProperties cache, Clock clock) {
		// BCrypt for stored passwords, each one checked once per cache period, not per
		// request (see VerifiedPasswords)
		return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), cache.passwords(),
				cache.maxEntries(), clock, new SecureRandom(), VerifiedPasswords.backgroundThreads());
	}

	/**
	 * No Spring Security observations: they wrapped every filter of the chain, every
	 * authentication and every {@code @PreAuthorize} check in an observation of its own,
	 * a tenth of an authenticated request's CPU in a profile. Requests are still timed as
	 * a whole ({@code http.server.requests}, {@code graphql.request}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	Users users(SecurityProperties properties, PasswordEncoder passwordEncoder, JdbcClient jdbc, Clock clock) {
		// a generated admin password is printed once per database, never at a restart
		return Users.from(properties, passwordEncoder,
				() -> GeneratedAdminPassword.of(jdbc, passwordEncoder, new SecureRandom(), clock));
	}

	@Bean
	InMemoryUserDetailsManager userDetailsService(Users users) {
		return new InMemoryUserDetailsManager(users.details());
	}

	@Bean
	LoginAnnouncer loginAnnouncer(Users users) {
		return new LoginAnnouncer(users);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiRateLimitProperties rateLimit,
			ObjectProvider<StringRedisTemplate> redis, ObjectProvider<JwtDecoder> jwtDecoder, JwtProperties jwt,
			ApiTokens apiTokens, LockoutProperties lockout, JdbcClient jdbc, JsonMapper json, Clock clock)
			throws Exception {
		if (lockout.maxFailures() > 0 || lockout.maxFailuresPerAddress() > 0) {
			// before the dashboard's login form, which comes before HTTP Basic
			http.addFilterBefore(new LoginThrottleFilter(new FailedLogins(lockout, clock), jdbc, json, lockout, clock),
					UsernamePasswordAuthenticationFilter.class);
		}
		if (rateLimit.enabled()) {
			// not a bean: a Filter bean would also be registered with the servlet
			// container
			http.addFilterBefore(new ApiRateLimitFilter(requestCounter(redis), rateLimit, clock),
					AuthorizationFilter.class);
		}
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
			.permitAll()
			// the dashboard's login page and its static files (no data in them)
			.requestMatchers(BrowserLogin.PUBLIC_PATHS)
			.permitAll()
			.requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class))
			.hasAnyRole(Role.ADMIN.name(), Role.METRICS.name())
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.hasRole(Role.ADMIN.name())
			// applications with the ENQUEUER role use the GraphQL endpoint only, where
			// the API keeps them to enqueueing and their own jobs
			.requestMatchers("/graphql")
			.hasAnyRole(Role.ADMIN.name(), Role.VIEWER.name(), Role.ENQUEUER.name())
			.anyRequest()
			.hasAnyRole(Role.ADMIN.name(), Role.VIEWER.name()));
		http.httpBasic((basic) -> basic.authenticationEntryPoint(JsonErrorResponses.unauthorized()));
		// bearer secrets: API tokens (by_...) always, JWTs once an issuer is configured
		http.oauth2ResourceServer((resourceServer) -> resourceServer
			.authenticationManagerResolver(bearerAuthentication(apiTokens, jwtDecoder.getIfAvailable(), jwt))
			.authenticationEntryPoint(JsonErrorResponses.unauthorized()));
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(BrowserLogin.entryPoint())
			.accessDeniedHandler(JsonErrorResponses.forbidden()));
		// scripts send credentials on every request and keep no session (Basic and bearer
		// logins are not stored in one); browsers log in once on the dashboard's login
		// page and keep a session, whose state-changing requests need the CSRF token
		BrowserLogin.configure(http);
		// no request to save for after a login: the login page always leads to the
		// dashboard, and one filter less runs on every request
		http.requestCache((cache) -> cache.disable());
		// Spring Security's defaults (nosniff, X-Frame-Options DENY, no-store) plus: no
		// Referer leaves the API or GraphiQL, and no page may be framed by a browser that
		// only reads the CSP (a page with a policy of its own, GraphiQL's, keeps it)
		http.headers((headers) -> headers
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
			.contentSecurityPolicy((csp) -> csp.policyDirectives("frame-ancestors 'none'")));
		return http.build();
	}

	/**
	 * Picks how a bearer secret is checked: one that starts with {@code by_} is an API
	 * token, anything else a JWT of the configured issuer (refused when there is none).
	 */
	private static AuthenticationManagerResolver<HttpServletRequest> bearerAuthentication(ApiTokens apiTokens,
			JwtDecoder jwtDecoder, JwtProperties jwt) {
		AuthenticationManager tokens = new ProviderManager(ApiTokenAuthentication.provider(apiTokens));
		AuthenticationManager jwts = tokens;
		if (jwtDecoder != null) {
			JwtAuthenticationProvider provider = new JwtAuthenticationProvider(jwtDecoder);
			provider.setJwtAuthenticationConverter(new JwtRoles(jwt.roleClaim()));
			jwts = new ProviderManager(provider);
		}
		AuthenticationManager forJwts = jwts;
		return (request) -> {
			String header = request.getHeader(HttpHeaders.AUTHORIZATION);
			boolean apiToken = header != null
					&& header.regionMatches(true, 0, "Bearer " + ApiTokens.SECRET_PREFIX, 0, 10);
			return apiToken ? tokens : forJwts;
		};
	}

	private static RequestCounter requestCounter(ObjectProvider<StringRedisTemplate> redis) {
		StringRedisTemplate template = redis.getIfAvailable();
		LocalRequestCounter local = new LocalRequestCounter();
		return (template != null) ? new RedisRequestCounter(template, local) : local;
	}

}
