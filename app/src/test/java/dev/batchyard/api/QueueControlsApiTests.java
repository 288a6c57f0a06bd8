package dev.batchyard.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue mutations over HTTP: pauseQueue, resumeQueue, cleanQueue, retryFailedJobs.
 */
class QueueControlsApiTests extends ApiTestSupport {

	private static final String PAUSE = "mutation($q: String!) { pauseQueue(queueName: $q) { success queueName status } }";

	private static final String RESUME = "mutation($q: String!) { resumeQueue(queueName: $q) { success queueName status } }";

	private static final String CLEAN = """
			mutation($q: String!, $input: CleanQueueInput!) {
			  cleanQueue(queueName: $q, input: $input) { success queueName status removed } }""";

	private static final String RETRY_FAILED = """
			mutation($q: String!, $limit: Int) {
			  retryFailedJobs(queueName: $q, limit: $limit) { success queueName total retried failed errors } }""";

	@AfterEach
	void resumeEveryQueue() {
		this.jdbc.sql("DELETE FROM queue_state").update();
	}

	@Test
	void pauseAndResumeAQueueOnceEach() {
		JsonNode paused = admin().graphql(PAUSE, Map.of("q", "asset-cleanup")).json().path("data").path("pauseQueue");
		assertThat(paused.path("success").asBoolean()).isTrue();
		assertThat(paused.path("queueName").asString()).isEqualTo("asset-cleanup");
		assertThat(paused.path("status").asString()).isEqualTo("PAUSED");
		assertThat(queuePaused("asset-cleanup")).isTrue();
		assertThat(this.jdbc.sql("SELECT paused_by FROM queue_state WHERE queue_name = 'asset-cleanup'")
			.query(String.class)
			.single()).isEqualTo("admin");

		Response again = admin().graphql(PAUSE, Map.of("q", "asset-cleanup"));
		assertThat(again.errorCode()).isEqualTo("QUEUE_ALREADY_PAUSED");
		assertThat(again.json().path("errors").path(0).path("message").asString()).contains("resume");

		JsonNode resumed = admin().graphql(RESUME, Map.of("q", "asset-cleanup"))
			.json()
			.path("data")
			.path("resumeQueue");
		assertThat(resumed.path("status").asString()).isEqualTo("ACTIVE");
		assertThat(queuePaused("asset-cleanup")).isFalse();
		assertThat(admin().graphql(RESUME, Map.of("q", "asset-cleanup")).errorCode()).isEqualTo("QUEUE_NOT_PAUSED");
	}

	@Test
	void aPausedQueueRunsNothingUntilResumed() {
		admin().graphql(PAUSE, Map.of("q", "upload-cleanup"));
		String id = enqueue(probe("upload-cleanup", Map.of())).path("id").asString();

		assertThat(job(id).path("state").asString()).isEqualTo("WAITING");
		admin().graphql(RESUME, Map.of("q", "upload-cleanup"));
		awaitState(id, "COMPLETED");
	}

	@Test
	void everyQueueMutationOfAnUnknownQueueIsQueueNotFound() {
		Map<String, Object> variables = Map.of("q", "no-such-queue", "input", Map.of("status", "COMPLETED"));
		for (String document : List.of(PAUSE, RESUME, CLEAN, RETRY_FAILED)) {
			Response response = admin().graphql(document, variables);
			assertThat(response.errorCode()).as(document).isEqualTo("QUEUE_NOT_FOUND");
			assertThat(response.json().path("errors").path(0).path("extensions").path("queueName").asString())
				.isEqualTo("no-such-queue");
		}
	}

	@Test
	void cleanQueueRemovesTheCompletedJobsOfAQueue() {
		String first = enqueue(probe("token-cleanup", Map.of())).path("id").asString();
		String second = enqueue(probe("token-cleanup", Map.of())).path("id").asString();
		awaitState(first, "COMPLETED");
		awaitState(second, "COMPLETED");

		JsonNode cleaned = admin().graphql(CLEAN, Map.of("q", "token-cleanup", "input", Map.of("status", "COMPLETED")))
			.json()
			.path("data")
			.path("cleanQueue");

		assertThat(cleaned.path("success").asBoolean()).isTrue();
		assertThat(cleaned.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(cleaned.path("removed").asInt()).isEqualTo(2);
		assertThat(count("SELECT COUNT(*) FROM job WHERE queue_name = 'token-cleanup'")).isZero();
	}

	@Test
	void cleanQueueKeepsJobsYoungerThanTheGraceAndRefusesANegativeGrace() {
		String id = enqueue(probe("session-cleanup", Map.of())).path("id").asString();
		awaitState(id, "COMPLETED");

		JsonNode kept = admin()
			.graphql(CLEAN, Map.of("q", "session-cleanup", "input", Map.of("status", "COMPLETED", "grace", 3_600_000L)))
			.json()
			.path("data")
			.path("cleanQueue");
		assertThat(kept.path("removed").asInt()).isZero();

		Response negative = admin().graphql(CLEAN,
				Map.of("q", "session-cleanup", "input", Map.of("status", "COMPLETED", "grace", -1)));
		assertThat(negative.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(negative.json().path("errors").path(0).path("extensions").path("argument").asString())
			.isEqualTo("grace");
		assertThat(count("SELECT COUNT(*) FROM job WHERE id = ?", Long.parseLong(id))).isEqualTo(1);
	}

	@Test
	void retryFailedJobsPutsTheFailedJobsOfAQueueBackAndTheyRun() {
		Map<String, Object> input = new HashMap<>(probe("event-deduplication", Map.of("failAttempts", 1)));
		input.put("maxAttempts", 1);
		String first = enqueue(input).path("id").asString();
		String second = enqueue(input).path("id").asString();
		awaitState(first, "FAILED");
		awaitState(second, "FAILED");

		JsonNode result = admin().graphql(RETRY_FAILED, Map.of("q", "event-deduplication"))
			.json()
			.path("data")
			.path("retryFailedJobs");

		assertThat(result.path("success").asBoolean()).isTrue();
		assertThat(result.path("total").asInt()).isEqualTo(2);
		assertThat(result.path("retried").asInt()).isEqualTo(2);
		assertThat(result.path("failed").asInt()).isZero();
		assertThat(result.path("errors").isEmpty()).isTrue();
		awaitState(first, "COMPLETED");
		awaitState(second, "COMPLETED");
	}

	@Test
	void retryFailedJobsRefusesALimitOutOfRange() {
		Response response = admin().graphql(RETRY_FAILED, Map.of("q", "event-deduplication", "limit", 0));

		assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(response.json().path("errors").path(0).path("extensions").path("argument").asString())
			.isEqualTo("limit");
	}

	private boolean queuePaused(String name) {
		return admin().graphql("query($n: String!) { queue(name: $n) { paused } }", Map.of("n", name))
			.json()
			.path("data")
			.path("queue")
			.path("paused")
			.asBoolean();
	}

}
