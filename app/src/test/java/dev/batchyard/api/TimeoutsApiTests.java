package dev.batchyard.api;

import java.util.Map;

import dev.batchyard.engine.QueueControls;
import dev.batchyard.limits.internal.TimeoutSettings;
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
		properties = { "spring.datasource.url=jdbc:h2:mem:timeouts-api;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret" })
class TimeoutsApiTests {

	private static final String UPDATE = """
			mutation($name: String!, $input: UpdateTimeoutInput!) {
			  updateTimeout(queueName: $name, input: $input) {
			    success config { queueName timeout adaptiveEnabled softTimeoutPercentage effectiveTimeout } } }""";

	private static final String TIMEOUTS = "{ timeouts { queueName timeout adaptiveEnabled softTimeoutPercentage "
			+ "effectiveTimeout } }";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TimeoutSettings settings;

	@Autowired
	QueueControls controls;

	@AfterEach
	void clearOverrides() {
		this.jdbc.sql("DELETE FROM queue_state").update();
		this.settings.refresh();
	}

	@Test
	void timeoutsListsEveryQueueWithTheCatalogsTimeoutAndTheDefaults() {
		JsonNode timeouts = admin().graphql(TIMEOUTS).json().path("data").path("timeouts");

		assertThat(timeouts.size()).isGreaterThanOrEqualTo(30);
		JsonNode campaigns = ApiClient.ofQueue(timeouts, "email-campaigns");
		assertThat(campaigns.path("timeout").asLong()).isEqualTo(60_000);
		assertThat(campaigns.path("effectiveTimeout").asLong()).isEqualTo(60_000);
		assertThat(campaigns.path("adaptiveEnabled").asBoolean()).isFalse();
		assertThat(campaigns.path("softTimeoutPercentage").asInt()).isEqualTo(80);
		assertThat(ApiClient.ofQueue(timeouts, "password-reset").path("adaptiveEnabled").asBoolean()).isTrue();
	}

	@Test
	void anAdminsChangeIsPersistedWithoutTouchingTheQueuesPauseState() {
		this.controls.pause("email-campaigns", "ops");

		Response response = admin().graphql(UPDATE, Map.of("name", "email-campaigns", "input",
				Map.of("timeout", 90_000, "adaptiveEnabled", true, "softTimeoutPercentage", 70)));

		JsonNode result = response.json().path("data").path("updateTimeout");
		assertThat(result.path("success").asBoolean()).isTrue();
		assertThat(result.path("config").path("timeout").asLong()).isEqualTo(90_000);
		assertThat(result.path("config").path("adaptiveEnabled").asBoolean()).isTrue();
		assertThat(result.path("config").path("softTimeoutPercentage").asInt()).isEqualTo(70);
		Map<String, Object> row = this.jdbc
			.sql("SELECT paused, timeout_ms, adaptive_timeout_enabled, soft_timeout_percentage, updated_by "
					+ "FROM queue_state WHERE queue_name = 'email-campaigns'")
			.query()
			.singleRow();
		assertThat(row).containsEntry("PAUSED", true)
			.containsEntry("TIMEOUT_MS", 90_000L)
			.containsEntry("ADAPTIVE_TIMEOUT_ENABLED", true)
			.containsEntry("SOFT_TIMEOUT_PERCENTAGE", 70)
			.containsEntry("UPDATED_BY", "admin");
		assertThat(ApiClient.ofQueue(admin().graphql(TIMEOUTS).json().path("data").path("timeouts"), "email-campaigns")
			.path("timeout")
			.asLong()).isEqualTo(90_000);
	}

	@Test
	void everyValidationRuleReturnsItsCodeAndChangesNothing() {
		JsonNode before = admin().graphql(TIMEOUTS).json();

		assertRefused("email-campaigns", Map.of("timeout", 999), "INVALID_TIMEOUT");
		assertRefused("email-campaigns", Map.of("timeout", 7_200_001), "INVALID_TIMEOUT");
		assertRefused("email-campaigns", Map.of("timeout", 5000, "softTimeoutPercentage", 0), "INVALID_TIMEOUT");
		assertRefused("email-campaigns", Map.of("softTimeoutPercentage", 101), "INVALID_TIMEOUT");
		assertRefused("email-campaigns", Map.of(), "INVALID_TIMEOUT");
		assertRefused("password-reset", Map.of("timeout", 5000, "adaptiveEnabled", false), "INVALID_PARAMETERS");
		assertRefused("no-such-queue", Map.of("timeout", 5000), "QUEUE_NOT_FOUND");
		Response viewer = viewer().graphql(UPDATE, Map.of("name", "email-campaigns", "input", Map.of("timeout", 5000)));
		assertThat(viewer.errorCode()).isEqualTo("FORBIDDEN");

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM queue_state").query(Long.class).single()).isZero();
		this.settings.refresh();
		assertThat(admin().graphql(TIMEOUTS).json()).isEqualTo(before);
	}

	@Test
	void executionStatsOfAQueueWithoutSamplesHasNullFiguresAndAnUnknownQueueIsNotFound() {
		JsonNode stats = viewer()
			.graphql("{ executionStats(queueName: \"search-reindex\") { queueName sampleCount min max avg p50 p95 p99 "
					+ "recentExecutions } }")
			.json()
			.path("data")
			.path("executionStats");

		assertThat(stats.path("queueName").asString()).isEqualTo("search-reindex");
		assertThat(stats.path("sampleCount").asInt()).isZero();
		assertThat(stats.path("p95").isNull()).isTrue();
		assertThat(stats.path("recentExecutions").size()).isZero();
		assertThat(viewer().graphql("{ executionStats(queueName: \"nope\") { sampleCount } }").errorCode())
			.isEqualTo("QUEUE_NOT_FOUND");
	}

	private void assertRefused(String queue, Map<String, Object> input, String code) {
		Response response = admin().graphql(UPDATE, Map.of("name", queue, "input", input));
		assertThat(response.errorCode()).as("%s %s", queue, input).isEqualTo(code);
		assertThat(response.json().path("errors").path(0).path("message").asString()).isNotBlank();
	}

	private ApiClient admin() {
		return ApiClient.as(this.port, "admin", "admin-secret");
	}

	private ApiClient viewer() {
		return ApiClient.as(this.port, "viewer", "viewer-secret");
	}

}
