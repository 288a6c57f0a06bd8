package dev.batchyard.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles on the job and queue operations: a viewer may query, every mutation of a viewer
 * is FORBIDDEN and changes nothing; without credentials every operation is 401.
 */
class ApiRolesTests extends ApiTestSupport {

	@AfterEach
	void resumeEveryQueue() {
		this.jdbc.sql("DELETE FROM queue_state").update();
	}

	@Test
	void aViewerMayQueryJobsAndOneJob() {
		Map<String, Object> input = new HashMap<>(probe("scheduled-blog-publishing", Map.of()));
		input.put("delayMs", 3_600_000L);
		String id = enqueue(input).path("id").asString();

		Response jobs = viewer().graphql("""
				{ jobs(filter: { queueName: "scheduled-blog-publishing" }) { totalCount edges { node { id } } } }""");
		Response job = viewer().graphql("query($id: ID!) { job(id: $id) { id state failures { attempt } logs } }",
				Map.of("id", id));

		assertThat(jobs.status()).isEqualTo(200);
		assertThat(jobs.json().path("data").path("jobs").path("totalCount").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(job.json().path("data").path("job").path("state").asString()).isEqualTo("DELAYED");
	}

	@Test
	void everyMutationOfAViewerIsForbiddenAndChangesNothing() {
		Map<String, Object> delayed = new HashMap<>(probe("scheduled-blog-publishing", Map.of()));
		delayed.put("delayMs", 3_600_000L);
		String id = enqueue(delayed).path("id").asString();
		this.jdbc.sql("INSERT INTO queue_state (queue_name, paused) VALUES ('royalty-calculation', TRUE)").update();
		String before = snapshot();

		Map<String, String> mutations = new LinkedHashMap<>();
		mutations.put("enqueueJob",
				"enqueueJob(input: { type: \"probe\", queueName: \"scheduled-blog-publishing\" }) { id }");
		mutations.put("retryJob", "retryJob(id: \"" + id + "\") { id }");
		mutations.put("cancelJob", "cancelJob(id: \"" + id + "\") { id }");
		mutations.put("deleteJob", "deleteJob(id: \"" + id + "\")");
		mutations.put("pauseQueue", "pauseQueue(queueName: \"scheduled-blog-publishing\") { status }");
		mutations.put("resumeQueue", "resumeQueue(queueName: \"royalty-calculation\") { status }");
		mutations.put("cleanQueue",
				"cleanQueue(queueName: \"scheduled-blog-publishing\", input: { status: DELAYED }) { removed }");
		mutations.put("retryFailedJobs", "retryFailedJobs(queueName: \"scheduled-blog-publishing\") { retried }");
		mutations.forEach((name, mutation) -> {
			Response response = viewer().graphql("mutation { " + mutation + " }");
			assertThat(response.errorCode()).as(name).isEqualTo("FORBIDDEN");
			assertThat(response.json().path("data").path(name).isNull()).as(name).isTrue();
		});

		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void withoutCredentialsJobOperationsAre401Unauthorized() {
		ApiClient anonymous = anonymous();
		for (String document : new String[] { "{ jobs { totalCount } }", "{ job(id: \"1\") { id } }",
				"mutation { enqueueJob(input: { type: \"probe\" }) { id } }",
				"mutation { pauseQueue(queueName: \"default\") { status } }" }) {
			Response response = anonymous.graphql(document);
			assertThat(response.status()).as(document).isEqualTo(401);
			assertThat(response.errorCode()).as(document).isEqualTo("UNAUTHORIZED");
		}
	}

	/** Every job row and queue state, as text. */
	private String snapshot() {
		return this.jdbc.sql("SELECT id, queue_name, state, max_attempts, run_at FROM job ORDER BY id")
			.query()
			.listOfRows()
			.toString()
				+ this.jdbc.sql("SELECT queue_name, paused FROM queue_state ORDER BY queue_name")
					.query()
					.listOfRows()
					.toString();
	}

}
