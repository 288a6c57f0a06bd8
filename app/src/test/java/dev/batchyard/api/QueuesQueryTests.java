package dev.batchyard.api;

import java.util.HashMap;
import java.util.Map;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:queues-query;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret" })
class QueuesQueryTests {

	/** The README's "Queues" table, written out independently of the catalog code. */
	static final Map<String, String> TIERS_OF_DESIGN = tiersOfDesign();

	private static final String QUEUES = """
			{ queues { name tier priority concurrency minWorkers maxWorkers timeout memoryLimitMB limiters
			  maxAttempts paused } }""";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void clearQueueState() {
		this.jdbc.sql("DELETE FROM queue_state").update();
	}

	@Test
	void anAdminSeesTheThirtyQueuesOfTheCatalogWithTheirTiers() {
		Response response = admin().graphql(QUEUES);

		assertThat(response.status()).isEqualTo(200);
		JsonNode queues = response.json().path("data").path("queues");
		Map<String, String> tiers = new HashMap<>();
		queues.forEach((queue) -> tiers.put(queue.path("name").asString(), queue.path("tier").asString()));
		assertThat(tiers).isEqualTo(TIERS_OF_DESIGN);
	}

	@Test
	void queuesComeInTierOrderWithThePriorityOfTheirTier() {
		JsonNode queues = admin().graphql(QUEUES).json().path("data").path("queues");

		assertThat(queues.path(0).path("tier").asString()).isEqualTo("CRITICAL");
		assertThat(queues.path(queues.size() - 1).path("tier").asString()).isEqualTo("BACKGROUND");
		int previous = 0;
		for (JsonNode queue : queues) {
			int priority = queue.path("priority").asInt();
			assertThat(priority).isGreaterThanOrEqualTo(previous);
			previous = priority;
		}
	}

	@Test
	void oneQueueShowsItsCatalogValues() {
		JsonNode queue = admin().graphql("""
				{ queue(name: "payment-processing") { name tier priority concurrency minWorkers maxWorkers timeout
				  limiters paused } }""").json().path("data").path("queue");

		assertThat(queue.path("tier").asString()).isEqualTo("CRITICAL");
		assertThat(queue.path("priority").asInt()).isEqualTo(1);
		assertThat(queue.path("concurrency").asInt()).isEqualTo(5);
		assertThat(queue.path("minWorkers").asInt()).isEqualTo(2);
		assertThat(queue.path("maxWorkers").asInt()).isEqualTo(20);
		assertThat(queue.path("timeout").asInt()).isBetween(1000, 7_200_000);
		assertThat(queue.path("limiters").toString()).contains("stripeApi");
		assertThat(queue.path("paused").asBoolean()).isFalse();
	}

	@Test
	void anUnknownQueueIsNull() {
		Response response = admin().graphql("{ queue(name: \"no-such-queue\") { name } }");

		assertThat(response.json().path("errors").isMissingNode()).isTrue();
		assertThat(response.json().path("data").path("queue").isNull()).isTrue();
	}

	@Test
	void aPausedQueueSaysSo() {
		this.jdbc.sql("INSERT INTO queue_state (queue_name, paused) VALUES ('email-campaigns', TRUE)").update();

		JsonNode queue = admin().graphql("{ queue(name: \"email-campaigns\") { paused } }")
			.json()
			.path("data")
			.path("queue");

		assertThat(queue.path("paused").asBoolean()).isTrue();
	}

	@Test
	void aViewerMayQueryQueues() {
		Response response = ApiClient.as(this.port, "viewer", "viewer-secret").graphql("{ queues { name } }");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("data").path("queues").size()).isEqualTo(30);
	}

	@Test
	void withoutCredentialsTheApiAnswers401Unauthorized() {
		Response response = ApiClient.anonymous(this.port).graphql("{ queues { name } }");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
		assertThat(response.headers().get("www-authenticate"))
			.anySatisfy((value) -> assertThat(value).startsWith("Basic"));
	}

	@Test
	void aWrongPasswordIs401Unauthorized() {
		Response response = ApiClient.as(this.port, "admin", "guess").graphql("{ queues { name } }");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
	}

	@Test
	void graphiqlIsBehindTheSameLogin() {
		assertThat(ApiClient.anonymous(this.port).get("/graphiql").status()).isEqualTo(401);
		Response page = admin().get("/graphiql?path=/graphql");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).containsIgnoringCase("graphiql");
	}

	@Test
	void healthIsUpWithoutCredentialsForLoadBalancers() {
		Response health = ApiClient.anonymous(this.port).get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().path("status").asString()).isEqualTo("UP");
	}

	@Test
	void otherActuatorEndpointsNeedAnAdmin() {
		assertThat(ApiClient.anonymous(this.port).get("/actuator/metrics").status()).isEqualTo(401);
		assertThat(ApiClient.as(this.port, "viewer", "viewer-secret").get("/actuator/metrics").status()).isEqualTo(403);
		assertThat(admin().get("/actuator/metrics").status()).isEqualTo(200);
	}

	private ApiClient admin() {
		return ApiClient.as(this.port, "admin", "admin-secret");
	}

	private static Map<String, String> tiersOfDesign() {
		Map<String, String> tiers = new HashMap<>();
		put(tiers, "CRITICAL", "password-reset", "payment-processing", "notification-delivery");
		put(tiers, "HIGH", "scheduled-emails", "email-retry", "search-index-realtime", "notification-digest",
				"tax-document-generation", "high-priority");
		put(tiers, "NORMAL", "email-campaigns", "asset-processing", "analytics-events", "tax-form-processing",
				"message-delivery", "license-management", "payout-processing", "default");
		put(tiers, "LOW", "cache-maintenance", "search-index-bulk", "metrics-rollup", "scheduled-blog-publishing",
				"deliverability-monitoring", "royalty-calculation", "low-priority");
		put(tiers, "BACKGROUND", "session-cleanup", "token-cleanup", "asset-cleanup", "upload-cleanup",
				"search-reindex", "event-deduplication");
		return Map.copyOf(tiers);
	}

	private static void put(Map<String, String> tiers, String tier, String... queues) {
		for (String queue : queues) {
			tiers.put(queue, tier);
		}
	}

}
