package dev.batchyard.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job operations over HTTP: jobs, job, enqueueJob, retryJob, cancelJob, deleteJob,
 * and their errors.
 */
class JobsApiTests extends ApiTestSupport {

	private static final String JOBS = """
			query($filter: JobFilter, $first: Int, $after: String) {
			  jobs(filter: $filter, first: $first, after: $after) {
			    totalCount
			    edges { cursor node { id state payload } }
			    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }""";

	@Test
	void anEnqueuedProbeRunsAndShowsItsResultAsJson() {
		JsonNode enqueued = enqueue(probe("default", Map.of("steps", 1)));

		assertThat(enqueued.path("type").asString()).isEqualTo("probe");
		assertThat(enqueued.path("queueName").asString()).isEqualTo("default");
		assertThat(enqueued.path("state").asString()).isIn("WAITING", "ACTIVE", "COMPLETED");
		assertThat(enqueued.path("priority").asInt()).isEqualTo(5);
		assertThat(enqueued.path("payload").path("steps").asInt()).isEqualTo(1);
		JsonNode done = awaitState(enqueued.path("id").asString(), "COMPLETED");
		assertThat(done.path("result").isObject()).as(done.toString()).isTrue();
		assertThat(done.path("progress").asInt()).isEqualTo(100);
		assertThat(done.path("attempts").asInt()).isEqualTo(1);
		assertThat(done.path("durationMs").isNumber()).isTrue();
		assertThat(done.path("workerId").asString()).startsWith("default@");
		assertThat(Instant.parse(done.path("finishedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(done.path("createdAt").asString()));
		assertThat(done.path("failures").isEmpty()).isTrue();
	}

	@Test
	void theProgressAJobReportedIsShownWhileItRuns() {
		// step 1 of 2 reports 50 when it ends; step 2 then runs for 5 s
		JsonNode enqueued = enqueue(probe("default", Map.of("steps", 2, "sleepMs", 5000)));
		String id = enqueued.path("id").asString();

		await().atMost(java.time.Duration.ofSeconds(20))
			.pollInterval(java.time.Duration.ofMillis(100))
			.until(() -> job(id).path("progress").asInt() == 50);

		assertThat(job(id).path("state").asString()).isEqualTo("ACTIVE");
		admin().graphql("mutation($id: ID!) { cancelJob(id: $id) { state } }", Map.of("id", id));
	}

	@Test
	void aPayloadOverTheSizeLimitIsRefusedAndNothingIsEnqueued() {
		long before = admin().graphql("{ jobs { totalCount } }")
			.json()
			.path("data")
			.path("jobs")
			.path("totalCount")
			.asLong();

		Response response = admin().graphql(ENQUEUE,
				Map.of("input", probe("default", Map.of("pad", "x".repeat(300 * 1024)))));

		assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(response.json().path("errors").path(0).path("message").asString())
			.contains("the limit is 262144 bytes");
		assertThat(
				admin().graphql("{ jobs { totalCount } }").json().path("data").path("jobs").path("totalCount").asLong())
			.isEqualTo(before);
	}

	@Test
	void enqueueJobTakesEveryOptionAndAnInlineJsonPayload() {
		Response response = admin().graphql("""
				mutation { enqueueJob(input: { type: "probe", queueName: "low-priority",
				  payload: { sleepMs: 1, steps: 1 }, priority: 2, delayMs: 3600000, maxAttempts: 7,
				  backoff: { type: EXPONENTIAL, delayMs: 500, maxDelayMs: 60000 }, timeoutMs: 5000,
				  dedupeKey: "nightly-1" }) { id state priority maxAttempts payload runAt createdAt dedupeKey } }""");

		JsonNode job = response.json().path("data").path("enqueueJob");
		assertThat(job.path("state").asString()).as(response.body()).isEqualTo("DELAYED");
		assertThat(job.path("priority").asInt()).isEqualTo(2);
		assertThat(job.path("maxAttempts").asInt()).isEqualTo(7);
		assertThat(job.path("payload").path("sleepMs").asInt()).isEqualTo(1);
		assertThat(job.path("dedupeKey").asString()).isEqualTo("nightly-1");
		assertThat(Instant.parse(job.path("runAt").asString()))
			.isAfter(Instant.parse(job.path("createdAt").asString()).plusSeconds(3500));
		JsonNode again = enqueue(Map.of("type", "probe", "queueName", "low-priority", "dedupeKey", "nightly-1"));
		assertThat(again.path("id").asString()).isEqualTo(job.path("id").asString());
		assertThat(count("SELECT COUNT(*) FROM job WHERE dedupe_key = 'nightly-1'")).isEqualTo(1);
	}

	@Test
	void aJobThatFailsEveryAttemptShowsItsFailuresAndCanBeRetried() {
		Map<String, Object> input = new HashMap<>(probe("metrics-rollup", Map.of("failAttempts", 2)));
		input.put("maxAttempts", 2);
		input.put("backoff", Map.of("type", "FIXED", "delayMs", 10));
		String id = enqueue(input).path("id").asString();

		JsonNode failed = awaitState(id, "FAILED");
		assertThat(failed.path("attempts").asInt()).isEqualTo(2);
		JsonNode failures = failed.path("failures");
		assertThat(failures.size()).isEqualTo(2);
		assertThat(failures.path(0).path("attempt").asInt()).isEqualTo(1);
		assertThat(failures.path(1).path("errorMessage").asString()).isNotBlank();
		assertThat(failures.path(1).path("timedOut").asBoolean()).isFalse();

		JsonNode retried = admin()
			.graphql("mutation($id: ID!) { retryJob(id: $id) { id state maxAttempts } }", Map.of("id", id))
			.json()
			.path("data")
			.path("retryJob");
		assertThat(retried.path("state").asString()).isIn("WAITING", "ACTIVE", "COMPLETED");
		assertThat(retried.path("maxAttempts").asInt()).isEqualTo(4);
		assertThat(awaitState(id, "COMPLETED").path("failures").size()).isEqualTo(2);
	}

	@Test
	void jobsPagesNewestFirstWithCursorsAndATotalCount() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Map<String, Object> input = new HashMap<>(probe("search-reindex", Map.of("sleepMs", 7000 + i)));
			input.put("delayMs", 3_600_000L);
			ids.add(enqueue(input).path("id").asString());
		}
		Map<String, Object> filter = Map.of("queueName", "search-reindex", "state", "DELAYED", "type", "probe");

		JsonNode first = jobs(Map.of("filter", filter, "first", 2));
		assertThat(first.path("totalCount").asInt()).isEqualTo(5);
		assertThat(nodeIds(first)).containsExactly(ids.get(4), ids.get(3));
		assertThat(first.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
		assertThat(first.path("pageInfo").path("hasPreviousPage").asBoolean()).isFalse();
		assertThat(first.path("pageInfo").path("startCursor").asString())
			.isEqualTo(first.path("edges").path(0).path("cursor").asString());

		JsonNode second = jobs(
				Map.of("filter", filter, "first", 2, "after", first.path("pageInfo").path("endCursor").asString()));
		assertThat(nodeIds(second)).containsExactly(ids.get(2), ids.get(1));
		JsonNode last = jobs(
				Map.of("filter", filter, "first", 2, "after", second.path("pageInfo").path("endCursor").asString()));
		assertThat(nodeIds(last)).containsExactly(ids.get(0));
		assertThat(last.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
		assertThat(last.path("totalCount").asInt()).isEqualTo(5);
	}

	@Test
	void jobsFindsTextInThePayloadIgnoringCase() {
		Map<String, Object> input = new HashMap<>(probe("search-reindex", Map.of("sleepMs", 424242)));
		input.put("delayMs", 3_600_000L);
		String id = enqueue(input).path("id").asString();

		JsonNode found = jobs(Map.of("filter", Map.of("search", "SLEEPMS\":424242")));

		assertThat(nodeIds(found)).containsExactly(id);
		assertThat(found.path("edges").path(0).path("node").path("payload").path("sleepMs").asLong())
			.isEqualTo(424242L);
		assertThat(jobs(Map.of("filter", Map.of("search", "no such text %_"))).path("totalCount").asInt()).isZero();
	}

	@Test
	void jobsOfAnUnknownQueueIsQueueNotFound() {
		Response response = admin().graphql(JOBS, Map.of("filter", Map.of("queueName", "nope")));

		assertThat(response.errorCode()).isEqualTo("QUEUE_NOT_FOUND");
		assertOnlyError(response);
	}

	@Test
	void aPageSizeOutOfRangeOrABadCursorIsInvalidParametersNamingTheArgument() {
		for (int first : new int[] { 0, 501 }) {
			Response outOfRange = admin().graphql(JOBS, Map.of("first", first));
			assertThat(outOfRange.errorCode()).isEqualTo("INVALID_PARAMETERS");
			assertThat(argument(outOfRange)).isEqualTo("first");
			assertOnlyError(outOfRange);
		}

		Response badCursor = admin().graphql(JOBS, Map.of("after", "not-a-cursor"));
		assertThat(badCursor.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(argument(badCursor)).isEqualTo("after");
		assertOnlyError(badCursor);
	}

	/**
	 * One refusal is one error, and no partial answer: {@code jobs} is non-null, so a
	 * refused {@code jobs} leaves {@code data} null.
	 */
	private static void assertOnlyError(Response response) {
		assertThat(response.json().path("errors").size()).as(response.body()).isEqualTo(1);
		assertThat(response.json().path("data").isNull() || response.json().path("data").isMissingNode())
			.as(response.body())
			.isTrue();
	}

	@Test
	void cancelJobCancelsADelayedJobOnceAndDeleteJobRemovesIt() {
		Map<String, Object> input = new HashMap<>(probe("search-reindex", Map.of()));
		input.put("delayMs", 3_600_000L);
		String id = enqueue(input).path("id").asString();

		JsonNode cancelled = admin()
			.graphql("mutation($id: ID!) { cancelJob(id: $id) { id state finishedAt } }", Map.of("id", id))
			.json()
			.path("data")
			.path("cancelJob");
		assertThat(cancelled.path("state").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.path("finishedAt").isNull()).isFalse();
		Response again = admin().graphql("mutation($id: ID!) { cancelJob(id: $id) { id } }", Map.of("id", id));
		assertThat(again.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(argument(again)).isEqualTo("id");
		assertThat(again.json().path("errors").path(0).path("message").asString()).contains("cancelled");

		Response deleted = admin().graphql("mutation($id: ID!) { deleteJob(id: $id) }", Map.of("id", id));
		assertThat(deleted.json().path("data").path("deleteJob").asBoolean()).isTrue();
		assertThat(job(id).isNull()).isTrue();
		assertThat(count("SELECT COUNT(*) FROM job WHERE id = ?", Long.parseLong(id))).isZero();
	}

	@Test
	void anUnknownJobIsNullToJobAndJobNotFoundToEveryMutation() {
		assertThat(job("987654321").isNull()).isTrue();
		for (String mutation : List.of("retryJob(id: $id) { id }", "cancelJob(id: $id) { id }", "deleteJob(id: $id)")) {
			Response response = admin().graphql("mutation($id: ID!) { " + mutation + " }", Map.of("id", "987654321"));
			assertThat(response.errorCode()).as(mutation).isEqualTo("JOB_NOT_FOUND");
			assertThat(response.json().path("errors").path(0).path("extensions").path("jobId").asString())
				.isEqualTo("987654321");
		}
	}

	@Test
	void anIdThatIsNotANumberIsInvalidParameters() {
		Response response = admin().graphql("{ job(id: \"abc\") { id } }");

		assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(argument(response)).isEqualTo("id");
	}

	@Test
	void badEnqueueArgumentsAreNamedAndEnqueueNothing() {
		int before = count("SELECT COUNT(*) FROM job");

		assertError(Map.of("type", "probe", "queueName", "no-such-queue"), "QUEUE_NOT_FOUND", null);
		assertError(Map.of("type", "no-such-type"), "INVALID_PARAMETERS", "type");
		assertError(Map.of("type", "probe", "priority", 11), "INVALID_PARAMETERS", "priority");
		assertError(Map.of("type", "probe", "maxAttempts", 0), "INVALID_PARAMETERS", "maxAttempts");
		assertError(Map.of("type", "probe", "payload", Map.of("sleepMs", -1)), "INVALID_PARAMETERS", "payload");
		assertError(Map.of("type", "probe", "delayMs", 10, "runAt", "2030-01-01T00:00:00Z"), "INVALID_PARAMETERS",
				"delayMs");
		assertError(Map.of("type", "probe", "backoff", Map.of("type", "CUSTOM")), "INVALID_PARAMETERS",
				"backoff.delaysMs");
		assertError(Map.of("type", "probe", "timeoutMs", 10), "INVALID_TIMEOUT", "timeoutMs");
		assertError(Map.of("type", "probe", "timeoutMs", 7_200_001L), "INVALID_TIMEOUT", "timeoutMs");

		assertThat(count("SELECT COUNT(*) FROM job")).isEqualTo(before);
	}

	private void assertError(Map<String, Object> input, String code, String argument) {
		Response response = admin().graphql(ENQUEUE, Map.of("input", input));
		assertThat(response.errorCode()).as(response.body()).isEqualTo(code);
		assertThat(response.json().path("data").path("enqueueJob").isNull()).isTrue();
		assertThat(response.json().path("errors").path(0).path("message").asString()).isNotBlank();
		if (argument != null) {
			assertThat(argument(response)).isEqualTo(argument);
		}
	}

	private JsonNode jobs(Map<String, Object> variables) {
		Response response = admin().graphql(JOBS, variables);
		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		return response.json().path("data").path("jobs");
	}

	private static List<String> nodeIds(JsonNode connection) {
		List<String> ids = new ArrayList<>();
		connection.path("edges").forEach((edge) -> ids.add(edge.path("node").path("id").asString()));
		return ids;
	}

	private static String argument(Response response) {
		return response.json().path("errors").path(0).path("extensions").path("argument").asString();
	}

}
