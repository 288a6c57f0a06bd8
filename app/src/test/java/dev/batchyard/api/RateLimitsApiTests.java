package dev.batchyard.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.limits.RateLimits;
import dev.batchyard.limits.internal.JdbcOverrideStore;
import dev.batchyard.limits.internal.RateLimitConfigs;
import dev.batchyard.node.NodeLoop;
import dev.batchyard.support.ApiClient.Response;
import dev.batchyard.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:rate-limits-api;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret" })
class RateLimitsApiTests {

	private static final String UPDATE = """
			mutation($name: String!, $input: RateLimitInput!) {
			  updateRateLimit(limiterName: $name, input: $input) {
			    limiterName algorithm perSecond perMinute perHour perDay } }""";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	QueueCatalog catalog;

	@Autowired
	RateLimitConfigs configs;

	@Autowired
	RateLimits rateLimits;

	@AfterEach
	void clearOverrides() {
		this.jdbc.sql("DELETE FROM rate_limit_override").update();
		this.configs.refresh();
	}

	@Test
	void rateLimitsListsTheEightLimitersOfTheCatalog() {
		JsonNode limits = admin().graphql("{ rateLimits { limiterName algorithm perSecond perMinute perHour perDay } }")
			.json()
			.path("data")
			.path("rateLimits");

		List<String> names = new ArrayList<>();
		limits.forEach((limit) -> names.add(limit.path("limiterName").asString()));
		assertThat(names).containsExactly("assetProcessing", "databaseWrites", "emailCampaign", "emailSending",
				"resendApi", "searchIndexing", "stripeApi", "taxGeneration");
		JsonNode stripe = limits.path(6);
		assertThat(stripe.path("algorithm").asString()).isEqualTo("SLIDING_WINDOW");
		assertThat(stripe.path("perSecond").asInt()).isEqualTo(100);
		assertThat(stripe.path("perMinute").isNull()).isTrue();
		assertThat(stripe.path("perHour").asInt()).isEqualTo(100_000);
	}

	@Test
	void rateLimitStatusShowsEachWindowOfANodeLocalLimiter() {
		this.rateLimits.tryAcquire("resendApi");
		this.rateLimits.tryAcquire("resendApi");

		Response response = viewer().graphql("""
				{ rateLimitStatus(limiterName: "resendApi") { limiterName distributed
				  windows { perSecond { current limit remaining resetAt } perMinute { current }
				            perHour { current limit remaining resetAt } perDay { current } } } }""");

		JsonNode status = response.json().path("data").path("rateLimitStatus");
		assertThat(status.path("limiterName").asString()).isEqualTo("resendApi");
		assertThat(status.path("distributed").asBoolean()).isFalse();
		JsonNode hour = status.path("windows").path("perHour");
		assertThat(hour.path("current").asInt()).isEqualTo(2);
		assertThat(hour.path("limit").asInt()).isEqualTo(3000);
		assertThat(hour.path("remaining").asInt()).isEqualTo(2998);
		assertThat(Instant.parse(hour.path("resetAt").asString())).isAfter(Instant.now().minusSeconds(1));
		assertThat(status.path("windows").path("perSecond").path("limit").asInt()).isEqualTo(10);
		assertThat(status.path("windows").path("perMinute").isNull()).isTrue();
		assertThat(status.path("windows").path("perDay").isNull()).isTrue();
	}

	@Test
	void anAdminUpdatePersistsAndIsSeenByRateLimits() {
		Response response = admin().graphql(UPDATE,
				Map.of("name", "stripeApi", "input", Map.of("algorithm", "TOKEN_BUCKET", "perSecond", 40)));

		JsonNode updated = response.json().path("data").path("updateRateLimit");
		assertThat(updated.path("algorithm").asString()).isEqualTo("TOKEN_BUCKET");
		assertThat(updated.path("perSecond").asInt()).isEqualTo(40);
		assertThat(updated.path("perHour").asInt()).isEqualTo(100_000);
		assertThat(this.jdbc.sql("SELECT updated_by FROM rate_limit_override WHERE limiter_name = 'stripeApi'")
			.query(String.class)
			.single()).isEqualTo("admin");
		JsonNode listed = admin().graphql("{ rateLimits { limiterName algorithm perSecond } }")
			.json()
			.path("data")
			.path("rateLimits")
			.path(6);
		assertThat(listed.path("limiterName").asString()).isEqualTo("stripeApi");
		assertThat(listed.path("perSecond").asInt()).isEqualTo(40);
		assertThat(listed.path("algorithm").asString()).isEqualTo("TOKEN_BUCKET");
	}

	@Test
	void aLimitOfZeroIsInvalidRateLimitAndChangesNothing() {
		Response response = admin().graphql(UPDATE, Map.of("name", "stripeApi", "input", Map.of("perSecond", 0)));

		assertThat(response.errorCode()).isEqualTo("INVALID_RATE_LIMIT");
		assertThat(response.json().path("errors").path(0).path("message").asString())
			.contains("perSecond must be at least 1");
		assertThat(response.json().path("data").path("updateRateLimit").isNull()).isTrue();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM rate_limit_override").query(Integer.class).single()).isZero();
		assertThat(this.rateLimits.config("stripeApi").perSecond()).isEqualTo(100L);
	}

	@Test
	void anUnknownLimiterIsLimiterNotFound() {
		assertThat(admin().graphql(UPDATE, Map.of("name", "nope", "input", Map.of("perSecond", 5))).errorCode())
			.isEqualTo("LIMITER_NOT_FOUND");
		Response status = admin().graphql("{ rateLimitStatus(limiterName: \"nope\") { limiterName } }");
		assertThat(status.errorCode()).isEqualTo("LIMITER_NOT_FOUND");
		assertThat(status.json().path("errors").path(0).path("message").asString()).contains("rateLimits");
	}

	@Test
	void aViewerMayNotUpdateARateLimit() {
		Response response = viewer().graphql(UPDATE, Map.of("name", "stripeApi", "input", Map.of("perSecond", 5)));

		assertThat(response.errorCode()).isEqualTo("FORBIDDEN");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM rate_limit_override").query(Integer.class).single()).isZero();
	}

	@Test
	void anotherNodeSeesTheChangeWithinFiveSeconds() {
		RateLimitConfigs otherNode = new RateLimitConfigs(this.catalog, new JdbcOverrideStore(this.jdbc),
				java.time.Clock.systemUTC());
		NodeLoop poller = new NodeLoop("other-node-limits-refresh",
				NodeLoop.Task.every(Duration.ofSeconds(2), "reload the rate limit overrides", otherNode::refresh));
		poller.start();
		try {
			admin().graphql(UPDATE, Map.of("name", "taxGeneration", "input", Map.of("perMinute", 7)));

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(otherNode.get("taxGeneration").perMinute()).isEqualTo(7L));
		}
		finally {
			poller.stop();
		}
	}

	private ApiClient admin() {
		return ApiClient.as(this.port, "admin", "admin-secret");
	}

	private ApiClient viewer() {
		return ApiClient.as(this.port, "viewer", "viewer-secret");
	}

}
