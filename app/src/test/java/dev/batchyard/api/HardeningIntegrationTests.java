package dev.batchyard.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import dev.batchyard.support.TestServers;
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
import static org.awaitility.Awaitility.await;

/**
 * Inputs an independent fuzz run found answered as INTERNAL_ERROR, with Spring's default
 * body or with no code (issue 20, defects 2 to 5), on PostgreSQL, which refuses what H2
 * lets pass (a NUL byte): each is INVALID_PARAMETERS (or the right code) naming the bad
 * input in {@code extensions.argument}, in the one error shape, and writes nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "batchyard.security.admin.password=admin-secret",
				"batchyard.security.viewer.password=viewer-secret", "batchyard.node.queues=default" })
class HardeningIntegrationTests {

	private static final String NUL = "a\u0000b";

	private static final String ENQUEUE = "mutation($input: EnqueueJobInput!) { enqueueJob(input: $input) { id } }";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String url = TestServers.freshPostgresDatabase("hardening");
		registry.add("spring.datasource.url", () -> url);
	}

	ApiClient admin() {
		return ApiClient.as(this.port, "admin", "admin-secret");
	}

	@Test
	void aNulByteInAnyStringIsInvalidParametersNamingTheArgumentAndNothingIsWritten() {
		long jobs = jobCount();
		assertRefused(
				admin().graphql(ENQUEUE,
						Map.of("input", Map.of("type", "probe", "queueName", "default", "dedupeKey", NUL))),
				"dedupeKey");
		for (String field : List.of("search", "type", "queueName")) {
			assertRefused(admin().graphql("query($f: JobFilter) { jobs(filter: $f) { totalCount } }",
					Map.of("f", Map.of(field, NUL))), "filter." + field);
		}
		String create = "mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { name } }";
		assertRefused(admin().graphql(create, Map.of("input", schedule(NUL, null))), "name");
		assertRefused(admin().graphql(create, Map.of("input", schedule("nul-description", NUL))), "description");
		assertThat(jobCount()).isEqualTo(jobs);
		assertThat(admin().graphql("{ schedules { name } }").json().path("data").path("schedules")).isEmpty();
	}

	@Test
	void aHugeDelayOrTooManyCustomDelaysIsInvalidParameters() {
		long jobs = jobCount();
		assertRefused(
				admin().graphql(ENQUEUE,
						Map.of("input", Map.of("type", "probe", "queueName", "default", "delayMs", Long.MAX_VALUE))),
				"delayMs");
		List<Long> delays = new ArrayList<>(Collections.nCopies(10_000, 1000L));
		assertRefused(admin().graphql(ENQUEUE, Map.of("input", Map.of("type", "probe", "queueName", "default",
				"backoff", Map.of("type", "CUSTOM", "delaysMs", delays)))), "backoff.delaysMs");
		assertThat(jobCount()).isEqualTo(jobs);
	}

	@Test
	void aPayloadFieldOfTheWrongTypeIsNamedInASentenceOfOurs() {
		Response response = admin().graphql(ENQUEUE,
				Map.of("input", Map.of("type", "probe", "queueName", "default", "payload", Map.of("sleepMs", "x"))));
		assertRefused(response, "payload.sleepMs");
		assertThat(response.body()).doesNotContain("Cannot deserialize", "java.lang");
	}

	@Test
	void anUnknownPayloadFieldIsRefusedNamingIt() {
		long jobs = jobCount();
		Response response = admin().graphql(ENQUEUE,
				Map.of("input", Map.of("type", "probe", "queueName", "default", "payload", Map.of("sleepMz", 5))));
		assertRefused(response, "payload.sleepMz");
		assertThat(jobCount()).isEqualTo(jobs);
	}

	@Test
	void aBodyThatIsNotAGraphQlRequestGetsTheOneErrorShape() {
		Map<String, String> bodies = Map.of("null", "body", "{\"query\": ", "body", "\"{ queues { name } }\"", "body",
				"[{\"query\": \"{ queues { name } }\"}]", "body", "{\"variables\": {}}", "body.query", "{\"query\": 5}",
				"body.query", "{\"query\": \"{ queues { name } }\", \"variables\": 5}", "body.variables");
		bodies.forEach((body, argument) -> {
			Response response = admin().send("POST", "/graphql", "application/json", body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertCoded(response, "INVALID_PARAMETERS", argument);
		});
	}

	@Test
	void anotherContentTypeOrMethodGetsTheOneErrorShape() {
		Response text = admin().send("POST", "/graphql", "text/plain", "{ queues { name } }");
		assertThat(text.status()).isEqualTo(415);
		assertCoded(text, "INVALID_PARAMETERS", "Content-Type");
		Response form = admin().send("POST", "/graphql", "application/x-www-form-urlencoded", "query=x");
		assertThat(form.status()).isEqualTo(415);
		assertCoded(form, "INVALID_PARAMETERS", "Content-Type");
		for (String method : List.of("GET", "PUT", "DELETE")) {
			Response response = admin().send(method, "/graphql", "application/json",
					method.equals("GET") ? null : "{\"query\": \"{ queues { name } }\"}");
			assertThat(response.status()).as(method).isEqualTo(405);
			assertCoded(response, "INVALID_PARAMETERS", "method");
		}
	}

	@Test
	void theErrorPathWithCredentialsIsNotAFiveHundred() {
		Response response = admin().get("/error");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().path("errors").path(0).path("extensions").path("code").asString())
			.isEqualTo("INVALID_PARAMETERS");
		assertThat(response.body()).doesNotContain("999", "None");
		Response nowhere = admin().get("/nothing-here");
		assertThat(nowhere.status()).isEqualTo(404);
		assertCoded(nowhere, "INVALID_PARAMETERS", "path");
	}

	@Test
	void everyRefusalNamesItsInputInExtensionsArgument() {
		Response audit = admin().graphql("{ auditLog(limit: 0) { operation } }");
		assertRefused(audit, "limit");
		Response rateLimit = admin().graphql(
				"mutation { updateRateLimit(limiterName: \"emailSending\", input: { perMinute: 0 }) { limiterName } }");
		assertThat(rateLimit.errorCode()).as(rateLimit.body()).isEqualTo("INVALID_RATE_LIMIT");
		assertThat(extensions(rateLimit).path("argument").asString()).isEqualTo("perMinute");
		assertThat(extensions(rateLimit).has("field")).isFalse();
		Response timeout = admin()
			.graphql("mutation { updateTimeout(queueName: \"default\", input: { timeout: 5 }) { success } }");
		assertThat(timeout.errorCode()).as(timeout.body()).isEqualTo("INVALID_TIMEOUT");
		assertThat(extensions(timeout).path("argument").asString()).isEqualTo("timeout");
		assertThat(extensions(timeout).has("field")).isFalse();
	}

	@Test
	void aJitterOutsideZeroToOneIsRefusedAndAGivenOneIsKept() {
		long jobs = jobCount();
		assertRefused(
				admin().graphql(ENQUEUE,
						Map.of("input",
								Map.of("type", "probe", "queueName", "default", "delayMs", 3_600_000, "backoff",
										Map.of("type", "EXPONENTIAL", "delayMs", 1000, "jitter", 1.5)))),
				"backoff.jitter");
		assertThat(jobCount()).isEqualTo(jobs);
		Response sent = admin().graphql(ENQUEUE, Map.of("input", Map.of("type", "probe", "queueName", "default",
				"delayMs", 3_600_000, "backoff", Map.of("type", "FIXED", "delayMs", 1000, "jitter", 0.25))));
		String id = sent.json().path("data").path("enqueueJob").path("id").asString();
		assertThat(this.jdbc.sql("SELECT backoff_jitter FROM job WHERE id = ?")
			.param(Long.parseLong(id))
			.query(Double.class)
			.single()).isEqualTo(0.25);
		Response exponential = admin().graphql(ENQUEUE, Map.of("input", Map.of("type", "probe", "queueName", "default",
				"delayMs", 3_600_000, "backoff", Map.of("type", "EXPONENTIAL", "delayMs", 1000))));
		String other = exponential.json().path("data").path("enqueueJob").path("id").asString();
		assertThat(this.jdbc.sql("SELECT backoff_jitter FROM job WHERE id = ?")
			.param(Long.parseLong(other))
			.query(Double.class)
			.single()).isEqualTo(0.1);
	}

	@Test
	void aFailedJobsRetryWaitsItsDelayVariedByTheJitter() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Response sent = admin().graphql(ENQUEUE,
					Map.of("input",
							Map.of("type", "probe", "queueName", "default", "payload", Map.of("failAttempts", 1),
									"maxAttempts", 2, "backoff",
									Map.of("type", "FIXED", "delayMs", 100_000, "jitter", 0.5))));
			ids.add(sent.json().path("data").path("enqueueJob").path("id").asString());
		}
		List<Long> delays = new ArrayList<>();
		for (String id : ids) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc.sql("SELECT state FROM job WHERE id = ?")
					.param(Long.parseLong(id))
					.query(String.class)
					.single()
					.equals("delayed"));
			JsonNode job = admin()
				.graphql("query($id: ID!) { job(id: $id) { runAt failures { failedAt } } }", Map.of("id", id))
				.json()
				.path("data")
				.path("job");
			Instant failedAt = Instant.parse(job.path("failures").path(0).path("failedAt").asString());
			delays.add(Duration.between(failedAt, Instant.parse(job.path("runAt").asString())).toMillis());
		}
		// 100 s varied by half either way: 50 to 150 s, and not the same for all five
		assertThat(delays).allSatisfy((delay) -> assertThat(delay).isBetween(49_000L, 151_000L));
		assertThat(delays.stream().distinct().count()).as(delays.toString()).isGreaterThan(1);
	}

	private static Map<String, Object> schedule(String name, String description) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("name", name);
		input.put("type", "probe");
		input.put("queueName", "default");
		input.put("cron", "0 0 3 * * ?");
		input.put("description", description);
		return input;
	}

	private long jobCount() {
		return this.jdbc.sql("SELECT count(*) FROM job").query(Long.class).single();
	}

	private static JsonNode extensions(Response response) {
		return response.json().path("errors").path(0).path("extensions");
	}

	private static void assertRefused(Response response, String argument) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().path("errors")).as(response.body()).hasSize(1);
		assertCoded(response, "INVALID_PARAMETERS", argument);
	}

	private static void assertCoded(Response response, String code, String argument) {
		JsonNode error = response.json().path("errors").path(0);
		assertThat(error.path("extensions").path("code").asString()).as(response.body()).isEqualTo(code);
		assertThat(error.path("extensions").path("argument").asString()).as(response.body()).endsWith(argument);
		assertThat(error.path("message").asString()).as(response.body()).isNotEmpty();
		assertThat(response.body()).doesNotContain("Exception", "at dev.", "at org.", "SQL");
	}

}
