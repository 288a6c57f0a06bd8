package dev.batchyard.api;

import java.util.ArrayList;
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

/**
 * Inputs an independent fuzz run answered with INTERNAL_ERROR, on PostgreSQL (which
 * stores no NUL character): each now gets one INVALID_PARAMETERS naming the argument, and
 * nothing is written.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret" })
class HostileInputIntegrationTests {

	private static final String ENQUEUE = "mutation($in: EnqueueJobInput!) { enqueueJob(input: $in) { id } }";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void onAFreshPostgresDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> TestServers.freshPostgresDatabase("hostile_input"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

	@Test
	void aNulCharacterAnywhereIsRefusedNamingWhereItIs() {
		assertRefused(ENQUEUE, Map.of("in", probe(Map.of("dedupeKey", "a\u0000b"))), "variable in.dedupeKey");
		assertRefused("query($f: JobFilter) { jobs(filter: $f) { totalCount } }",
				Map.of("f", Map.of("search", "a\u0000b")), "variable f.search");
		assertRefused("query($f: JobFilter) { jobs(filter: $f) { totalCount } }",
				Map.of("f", Map.of("queueName", "default\u0000")), "variable f.queueName");
		assertRefused("{ jobs(filter: {type: \"pro\\u0000be\"}) { totalCount } }", Map.of(), "a string in the query");
		assertRefused("mutation($n: String!) { createSchedule(input: {name: $n, type: \"probe\","
				+ " cron: \"0 0 3 * * ?\"}) { name } }", Map.of("n", "nightly\u0000"), "variable n");

		assertThat(count("job") + count("schedule_meta")).isZero();
	}

	@Test
	void aDelayOrABackoffTooLongForTheJobRowIsRefused() {
		assertRefused(ENQUEUE, Map.of("in", probe(Map.of("delayMs", Long.MAX_VALUE))), "delayMs");
		List<Long> delays = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			delays.add(1000L);
		}
		assertRefused(ENQUEUE, Map.of("in", probe(Map.of("backoff", Map.of("type", "CUSTOM", "delaysMs", delays)))),
				"backoff.delaysMs");
		assertRefused(ENQUEUE,
				Map.of("in", probe(Map.of("backoff", Map.of("type", "CUSTOM", "delaysMs", List.of(Long.MAX_VALUE))))),
				"backoff.delaysMs");

		assertThat(count("job")).isZero();
	}

	private void assertRefused(String document, Map<String, Object> variables, String argument) {
		Response response = ApiClient.as(this.port, "admin", "admin-secret").graphql(document, variables);
		JsonNode errors = response.json().path("errors");
		assertThat(errors.size()).as("%s: %s", argument, response.body()).isOne();
		assertThat(response.errorCode()).as(response.body()).isEqualTo("INVALID_PARAMETERS");
		assertThat(errors.path(0).path("extensions").path("argument").asString()).isEqualTo(argument);
		assertThat(errors.path(0).path("message").asString()).contains(argument);
	}

	private static Map<String, Object> probe(Map<String, Object> extra) {
		Map<String, Object> input = new java.util.HashMap<>(Map.of("type", "probe", "queueName", "default"));
		input.putAll(extra);
		return input;
	}

	private long count(String table) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

}
