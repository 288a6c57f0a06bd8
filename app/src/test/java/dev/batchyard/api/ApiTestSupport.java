package dev.batchyard.api;

import java.time.Duration;
import java.util.Map;

import dev.batchyard.engine.JobSearch;
import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One node on a random port with an admin and a viewer, shared by the API tests of jobs
 * and queues (one Spring context: keep the properties and the spy identical). Each test
 * class works on queues of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:api-tests;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret",
				"batchyard.engine.poll-interval=200ms",
				// every API test class shares this context and its admin: on a fast
				// machine they send more than the shipped 300 requests a minute
				// (ApiRateLimitTests tests the limit on a context of its own)
				"batchyard.api.rate-limit.requests-per-minute=100000" })
abstract class ApiTestSupport {

	static final String JOB_FIELDS = """
			id queueName type state priority payload progress attempts maxAttempts runAt createdAt startedAt
			finishedAt durationMs result workerId logs dedupeKey
			failures { attempt errorMessage errorStack timedOut stalled failedAt }""";

	static final String ENQUEUE = "mutation($input: EnqueueJobInput!) { enqueueJob(input: $input) { " + JOB_FIELDS
			+ " } }";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	/** Lets a test make the store fail; calls the real search otherwise. */
	@MockitoSpyBean
	JobSearch jobSearch;

	ApiClient admin() {
		return ApiClient.as(this.port, "admin", "admin-secret");
	}

	ApiClient viewer() {
		return ApiClient.as(this.port, "viewer", "viewer-secret");
	}

	ApiClient anonymous() {
		return ApiClient.anonymous(this.port);
	}

	/** Enqueues through the API as the admin; the job as returned. */
	JsonNode enqueue(Map<String, Object> input) {
		Response response = admin().graphql(ENQUEUE, Map.of("input", input));
		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		return response.json().path("data").path("enqueueJob");
	}

	JsonNode job(String id) {
		return admin().graphql("query($id: ID!) { job(id: $id) { " + JOB_FIELDS + " } }", Map.of("id", id))
			.json()
			.path("data")
			.path("job");
	}

	JsonNode awaitState(String id, String state) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> state.equals(job(id).path("state").asString()));
		return job(id);
	}

	int count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Integer.class).single();
	}

	static Map<String, Object> probe(String queueName, Map<String, Object> payload) {
		return Map.of("type", "probe", "queueName", queueName, "payload", payload);
	}

}
