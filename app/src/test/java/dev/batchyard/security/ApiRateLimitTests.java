package dev.batchyard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:api-rate-limit;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret",
				"batchyard.api.rate-limit.requests-per-minute=4" })
@ContextConfiguration(initializers = ApiRateLimitTests.MinuteClock.class)
class ApiRateLimitTests {

	/** The node's clock: the real one, moved by the tests to the start of a minute. */
	private static final MinuteClock clock = new MinuteClock();

	private static final String QUERY = "{ queue(name: \"default\") { name } }";

	@LocalServerPort
	int port;

	/** Each test has a whole minute to itself: no window ends in the middle of it. */
	@BeforeEach
	void startOfAMinute() {
		clock.toStartOfNextMinute();
	}

	@Test
	void everyResponseSaysWhereTheCallerStandsAndPastTheLimitTheAnswerIs429RateLimited() {
		ApiClient admin = ApiClient.as(this.port, "admin", "admin-secret");
		Response first = admin.graphql(QUERY);
		Response last = first;
		for (int i = 0; i < 3; i++) {
			last = admin.graphql(QUERY);
		}
		Response refused = admin.graphql(QUERY);

		assertThat(header(first, "x-ratelimit-reset")).isEqualTo(String.valueOf(clock.minuteEndSeconds()));
		assertThat(header(refused, "x-ratelimit-reset")).isEqualTo(header(first, "x-ratelimit-reset"));
		assertThat(first.status()).isEqualTo(200);
		assertThat(header(first, "x-ratelimit-limit")).isEqualTo("4");
		assertThat(header(first, "x-ratelimit-remaining")).isEqualTo("3");
		assertThat(header(last, "x-ratelimit-remaining")).isEqualTo("0");
		assertThat(last.status()).isEqualTo(200);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.errorCode()).isEqualTo("RATE_LIMITED");
		long retryAfter = refused.json().path("errors").path(0).path("extensions").path("retryAfter").asLong();
		assertThat(retryAfter).isBetween(1L, 60L);
		assertThat(header(refused, "retry-after")).isEqualTo(String.valueOf(retryAfter));
	}

	@Test
	void theNextMinuteStartsTheCountOver() {
		ApiClient admin = ApiClient.as(this.port, "admin", "admin-secret");
		for (int i = 0; i < 5; i++) {
			admin.graphql(QUERY);
		}
		assertThat(admin.graphql(QUERY).status()).isEqualTo(429);

		clock.toStartOfNextMinute();
		Response next = admin.graphql(QUERY);

		assertThat(next.status()).isEqualTo(200);
		assertThat(header(next, "x-ratelimit-remaining")).isEqualTo("3");
	}

	@Test
	void eachUserHasALimitOfTheirOwnAndTheHealthProbeIsNotCounted() {
		ApiClient viewer = ApiClient.as(this.port, "viewer", "viewer-secret");

		Response response = viewer.graphql(QUERY);
		Response health = ApiClient.anonymous(this.port).get("/actuator/health");

		assertThat(response.status()).isEqualTo(200);
		assertThat(header(response, "x-ratelimit-remaining")).isEqualTo("3");
		assertThat(health.headers()).doesNotContainKey("x-ratelimit-limit");
	}

	private static String header(Response response, String name) {
		return response.headers().get(name).get(0);
	}

	/**
	 * Runs with the system clock, and jumps to the start of the next minute when a test
	 * asks; registered as the node's clock before its beans are made.
	 */
	static final class MinuteClock extends Clock
			implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		private volatile Duration offset = Duration.ZERO;

		void toStartOfNextMinute() {
			Instant now = instant();
			Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
			this.offset = this.offset.plus(Duration.between(now, next));
		}

		long minuteEndSeconds() {
			return instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)).getEpochSecond();
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.getBeanFactory().registerSingleton("clock", clock);
		}

	}

}
