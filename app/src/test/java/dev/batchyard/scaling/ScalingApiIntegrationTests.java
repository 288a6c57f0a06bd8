package dev.batchyard.scaling;

import java.util.Map;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scaling operations over HTTP with a real login, on the shipped configuration and a
 * fresh PostgreSQL database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret" })
class ScalingApiIntegrationTests {

	@DynamicPropertySource
	static void onAFreshPostgresDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> TestServers.freshPostgresDatabase("scaling_api"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

	private static final String POLICY_FIELDS = "queueName minWorkers maxWorkers"
			+ " scaleUpThreshold { queueDepth queueLatencyMs cpuPercent memoryPercent }"
			+ " scaleDownThreshold { queueDepth queueLatencyMs cpuPercent memoryPercent }"
			+ " cooldownSeconds { scaleUp scaleDown }";

	private static final String POLICIES = "{ scalingPolicies { " + POLICY_FIELDS + " } }";

	private static final String UPDATE = "mutation($name: String!, $input: UpdateScalingPolicyInput!) {"
			+ " updateScalingPolicy(queueName: $name, input: $input) { success policy { " + POLICY_FIELDS + " } } }";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void clearChanges() {
		this.jdbc.sql("DELETE FROM queue_state").update();
		this.jdbc.sql("DELETE FROM scaling_decision").update();
	}

	@Test
	void everyQueueHasAPolicyFromItsTier() {
		JsonNode policies = viewer().graphql(POLICIES).json().path("data").path("scalingPolicies");

		assertThat(policies.size()).isGreaterThanOrEqualTo(30);
		JsonNode payments = ApiClient.ofQueue(policies, "payment-processing");
		assertThat(payments.path("minWorkers").asInt()).isEqualTo(2);
		assertThat(payments.path("maxWorkers").asInt()).isEqualTo(20);
		assertThat(payments.path("scaleUpThreshold").path("queueDepth").asInt()).isEqualTo(50);
		assertThat(payments.path("scaleUpThreshold").path("queueLatencyMs").asLong()).isEqualTo(10_000);
		assertThat(payments.path("scaleDownThreshold").path("queueDepth").asInt()).isEqualTo(5);
		assertThat(payments.path("cooldownSeconds").path("scaleUp").asInt()).isEqualTo(60);
		assertThat(payments.path("cooldownSeconds").path("scaleDown").asInt()).isEqualTo(300);
		JsonNode cleanup = ApiClient.ofQueue(policies, "session-cleanup");
		assertThat(cleanup.path("maxWorkers").asInt()).isEqualTo(3);
		assertThat(cleanup.path("scaleUpThreshold").path("queueDepth").asInt()).isEqualTo(500);
		assertThat(cleanup.path("scaleUpThreshold").path("cpuPercent").isNull()).isTrue();
	}

	@Test
	void anAdminsChangeIsPersistedAuditedAndKeepsWhatItDoesNotName() {
		Response response = admin().graphql(UPDATE, Map.of("name", "email-campaigns", "input", Map.of("maxWorkers", 15,
				"scaleUpThreshold", Map.of("queueDepth", 75), "cooldownSeconds", Map.of("scaleDown", 120))));

		JsonNode result = response.json().path("data").path("updateScalingPolicy");
		assertThat(result.path("success").asBoolean()).isTrue();
		JsonNode policy = result.path("policy");
		assertThat(policy.path("maxWorkers").asInt()).isEqualTo(15);
		assertThat(policy.path("minWorkers").asInt()).isEqualTo(1);
		assertThat(policy.path("scaleUpThreshold").path("queueDepth").asInt()).isEqualTo(75);
		assertThat(policy.path("scaleUpThreshold").path("queueLatencyMs").asLong()).isEqualTo(60_000);
		assertThat(policy.path("cooldownSeconds").path("scaleUp").asInt()).isEqualTo(60);
		assertThat(policy.path("cooldownSeconds").path("scaleDown").asInt()).isEqualTo(120);
		assertThat(ApiClient.ofQueue(viewer().graphql(POLICIES).json().path("data").path("scalingPolicies"),
				"email-campaigns"))
			.isEqualTo(policy);
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM audit_log WHERE operation = 'updateScalingPolicy' AND actor = 'admin'")
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void everyValidationRuleReturnsItsCodeAndChangesNothing() {
		JsonNode before = admin().graphql(POLICIES).json();

		assertRefused(Map.of("minWorkers", 0), "INVALID_WORKER_COUNT", "minWorkers");
		assertRefused(Map.of("minWorkers", 5, "maxWorkers", 5), "INVALID_WORKER_COUNT", "maxWorkers");
		assertRefused(Map.of("maxWorkers", 51), "EXCEEDS_SYSTEM_LIMIT", "maxWorkers");
		assertRefused(Map.of("scaleUpThreshold", Map.of("queueDepth", 0)), "INVALID_THRESHOLD",
				"scaleUpThreshold.queueDepth");
		assertRefused(Map.of("scaleDownThreshold", Map.of("queueLatencyMs", 999)), "INVALID_THRESHOLD",
				"scaleDownThreshold.queueLatencyMs");
		assertRefused(Map.of("scaleUpThreshold", Map.of("memoryPercent", 101.0)), "INVALID_THRESHOLD",
				"scaleUpThreshold.memoryPercent");
		assertRefused(Map.of("cooldownSeconds", Map.of("scaleUp", 9)), "INVALID_COOLDOWN", "cooldownSeconds.scaleUp");
		Response unknown = admin().graphql(UPDATE, Map.of("name", "nope", "input", Map.of("maxWorkers", 5)));
		assertThat(unknown.errorCode()).isEqualTo("QUEUE_NOT_FOUND");
		Response viewer = viewer().graphql(UPDATE, Map.of("name", "email-campaigns", "input", Map.of("maxWorkers", 5)));
		assertThat(viewer.errorCode()).isEqualTo("FORBIDDEN");

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM queue_state").query(Long.class).single()).isZero();
		assertThat(admin().graphql(POLICIES).json()).isEqualTo(before);
	}

	@Test
	void aDecisionIsComputedWithItsReasonAndFiguresWithoutActingOnIt() {
		JsonNode decision = viewer()
			.graphql("{ scalingDecision(queueName: \"email-campaigns\") { action targetWorkers currentWorkers reason"
					+ " cooldownRemainingSeconds executedAt metrics { queueName queueDepth queueLatencyMs activeJobs"
					+ " completedRate errorRate currentWorkers memoryUsage timestamp } } }")
			.json()
			.path("data")
			.path("scalingDecision");

		assertThat(decision.path("reason").asString()).isNotBlank();
		assertThat(decision.path("executedAt").isNull()).isTrue();
		assertThat(decision.path("metrics").path("queueName").asString()).isEqualTo("email-campaigns");
		assertThat(decision.path("metrics").path("memoryUsage").asDouble()).isBetween(0.0, 100.0);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM scaling_decision").query(Long.class).single()).isZero();
		assertThat(viewer().graphql("{ scalingDecision(queueName: \"nope\") { action } }").errorCode())
			.isEqualTo("QUEUE_NOT_FOUND");
	}

	@Test
	void theHistoryRefusesALimitOutOfRange() {
		JsonNode history = viewer()
			.graphql("{ scalingHistory(queueName: \"email-campaigns\") { queueName history { action } } }")
			.json()
			.path("data")
			.path("scalingHistory");

		assertThat(history.path("queueName").asString()).isEqualTo("email-campaigns");
		assertThat(history.path("history").size()).isZero();
		assertThat(viewer().graphql("{ scalingHistory(queueName: \"email-campaigns\", limit: 0) { queueName } }")
			.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(viewer().graphql("{ scalingHistory(queueName: \"email-campaigns\", limit: 1001) { queueName } }")
			.errorCode()).isEqualTo("INVALID_PARAMETERS");
	}

	@Test
	void theNodeCountAnOrchestratorScalesOnIsScraped() {
		Response scrape = admin().get("/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		// the 30 queues at their minimum need far fewer than 200 workers: one node
		assertThat(scrape.body()).containsPattern("(?m)^batchyard_scaling_nodes_wanted(\\{[^}]*\\})? 1\\.0$");
	}

	private void assertRefused(Map<String, Object> input, String code, String field) {
		Response response = admin().graphql(UPDATE, Map.of("name", "email-campaigns", "input", input));
		assertThat(response.errorCode()).as("%s", input).isEqualTo(code);
		JsonNode error = response.json().path("errors").path(0);
		assertThat(error.path("message").asString()).contains(field);
		assertThat(error.path("extensions").path("argument").asString()).isEqualTo(field);
		assertThat(response.json().path("errors").size()).as("one error").isOne();
	}

	private ApiClient admin() {
		return ApiClient.as(this.port, "admin", "admin-secret");
	}

	private ApiClient viewer() {
		return ApiClient.as(this.port, "viewer", "viewer-secret");
	}

}
