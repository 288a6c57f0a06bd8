package dev.batchyard.security;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:api-rate-limit;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret",
				"batchyard.api.rate-limit.requests-per-minute=4" })
class ApiRateLimitTests {

	private static final String QUERY = "{ queue(name: \"default\") { name } }";

	@LocalServerPort
	int port;

	@Test
	void everyResponseSaysWhereTheCallerStandsAndPastTheLimitTheAnswerIs429RateLimited() {
		ApiClient admin = ApiClient.as(this.port, "admin", "admin-secret");
		Response first = admin.graphql(QUERY);
		long window = Long.parseLong(header(first, "x-ratelimit-reset"));
		Response last = first;
		for (int i = 0; i < 3; i++) {
			last = admin.graphql(QUERY);
		}
		Response refused = admin.graphql(QUERY);
		if (Long.parseLong(header(refused, "x-ratelimit-reset")) != window) {
			// a new minute began mid-test; the counts started over, which is also right
			return;
		}

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
	void eachUserHasALimitOfTheirOwnAndTheHealthProbeIsNotCounted() {
		ApiClient viewer = ApiClient.as(this.port, "viewer", "viewer-secret");

		Response response = viewer.graphql(QUERY);
		Response health = ApiClient.anonymous(this.port).get("/actuator/health");

		assertThat(response.status()).isEqualTo(200);
		assertThat(Integer.parseInt(header(response, "x-ratelimit-remaining"))).isBetween(0, 3);
		assertThat(health.headers()).doesNotContainKey("x-ratelimit-limit");
	}

	private static String header(Response response, String name) {
		return response.headers().get(name).get(0);
	}

}
