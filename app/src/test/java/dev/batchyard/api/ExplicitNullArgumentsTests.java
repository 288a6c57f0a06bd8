package dev.batchyard.api;

import java.util.HashMap;
import java.util.Map;

import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fuzz suite found (README "Reliability"): an explicit null for an argument with
 * a default was an INTERNAL_ERROR; it now means the default. And an invalid cron's
 * message carried Quartz's Java exception.
 */
class ExplicitNullArgumentsTests extends ApiTestSupport {

	@Test
	void anExplicitNullForAnArgumentWithADefaultIsTheDefault() {
		for (int i = 0; i < 3; i++) {
			enqueue(probe("default", Map.of()));
		}
		Response literal = admin().graphql("{ jobs(first: null) { totalCount edges { node { id } } } }");
		assertThat(literal.json().path("errors").isMissingNode()).as(literal.body()).isTrue();
		assertThat(literal.json().path("data").path("jobs").path("edges").size()).isGreaterThanOrEqualTo(3);

		Map<String, Object> nulls = new HashMap<>();
		nulls.put("limit", null);
		Response variable = admin().graphql("query($limit: Int) { auditLog(limit: $limit) { id } }", nulls);
		assertThat(variable.json().path("errors").isMissingNode()).as(variable.body()).isTrue();
		assertThat(variable.json().path("data").path("auditLog").isArray()).isTrue();

		Response flag = admin().graphql("{ apiTokens(includeRevoked: null) { id } }");
		assertThat(flag.json().path("errors").isMissingNode()).as(flag.body()).isTrue();
	}

	@Test
	void nullKeepsItsMeaningWhereTheSchemaGivesItOne() {
		// alerts(acknowledged: null): acknowledged and unacknowledged alike, not the
		// default (false)
		Response response = admin().graphql("{ alerts(acknowledged: null) { id } }");
		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
	}

	@Test
	void anInvalidCronIsRefusedWithoutAJavaException() {
		Response response = admin().graphql(
				"mutation { createSchedule(input: {name: \"bad-cron\", type: \"probe\", cron: \"x' OR '1'='1\"}) { name } }");
		assertThat(response.errorCode()).isEqualTo("INVALID_CRON");
		assertThat(response.json().path("errors").path(0).path("message").asString())
			.startsWith("Invalid cron expression")
			.doesNotContain("java.")
			.doesNotContain("Exception");
	}

}
