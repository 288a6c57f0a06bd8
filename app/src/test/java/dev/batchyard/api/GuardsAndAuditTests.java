package dev.batchyard.api;

import java.util.Map;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:guards-audit;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret",
				"batchyard.api.max-query-depth=3", "batchyard.api.max-query-complexity=10" })
class GuardsAndAuditTests {

	@LocalServerPort
	int port;

	@Test
	void aQueryNestedDeeperThanAllowedIsRefusedBeforeItRuns() {
		// it would answer LIMITER_NOT_FOUND if it ran
		Response response = admin()
			.graphql("{ rateLimitStatus(limiterName: \"nope\") { windows { perSecond { current } } } }");

		assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(response.json().path("errors").path(0).path("message").asString())
			.contains("4 levels deep; at most 3");
		assertThat(response.json().path("data").isMissingNode() || response.json().path("data").isNull()).isTrue();
	}

	@Test
	void theStandardIntrospectionQueryPassesEvenGuardsThisTight() {
		Response response = admin().graphql(IntrospectionTests.GRAPHQL_JS_16);

		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		assertThat(response.json().path("data").path("__schema").path("types").size()).isGreaterThan(20);
	}

	@Test
	void ourOwnFieldsBesideAnIntrospectionAreStillCounted() {
		Response deep = admin().graphql("{ __schema { types { name fields { name type { name ofType { name } } } } }"
				+ " rateLimitStatus(limiterName: \"nope\") { windows { perSecond { current } } } }");
		Response large = admin().graphql("{ __type(name: \"Query\") { fields { name } }"
				+ " queues { name tier priority concurrency minWorkers maxWorkers timeout memoryLimitMB limiters paused } }");

		assertThat(deep.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(deep.json().path("errors").path(0).path("message").asString())
			.isEqualTo("The query nests 4 levels deep; at most 3 are allowed");
		assertThat(large.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(large.json().path("errors").path(0).path("message").asString())
			.isEqualTo("The query selects 11 fields; at most 10 are allowed");
	}

	@Test
	void aQuerySelectingTooManyFieldsIsRefused() {
		Response response = admin().graphql(
				"{ queues { name tier priority concurrency minWorkers maxWorkers timeout memoryLimitMB limiters paused } }");

		assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(response.json().path("errors").path(0).path("message").asString()).contains("at most 10");
	}

	@Test
	void aRepeatedDocumentIsMeasuredAgainWhenVariablesDecideItsFields() {
		String document = "query($all: Boolean!) { queues { name tier priority concurrency minWorkers maxWorkers"
				+ " timeout memoryLimitMB limiters paused @include(if: $all) } }";
		Response small = admin().graphql(document, Map.of("all", false));
		Response large = admin().graphql(document, Map.of("all", true));
		Response smallAgain = admin().graphql(document, Map.of("all", false));

		assertThat(small.json().path("errors").isMissingNode()).as(small.body()).isTrue();
		assertThat(large.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(large.json().path("errors").path(0).path("message").asString())
			.isEqualTo("The query selects 11 fields; at most 10 are allowed");
		assertThat(smallAgain.json().path("errors").isMissingNode()).as(smallAgain.body()).isTrue();
	}

	@Test
	void aRepeatedDocumentIsRefusedEveryTime() {
		String document = "{ queues { name tier priority concurrency minWorkers maxWorkers timeout memoryLimitMB"
				+ " limiters paused } }";

		for (int i = 0; i < 3; i++) {
			assertThat(admin().graphql(document).errorCode()).isEqualTo("INVALID_PARAMETERS");
		}
	}

	@Test
	void everyMutationIsInTheAuditLogWithWhoAndHowItEnded() {
		String update = "mutation { updateRateLimit(limiterName: \"taxGeneration\", input: { perMinute: 12 })"
				+ " { limiterName } }";
		admin().graphql(update);
		viewer().graphql(update);

		JsonNode entries = admin().graphql("{ auditLog(limit: 10) { actor operation arguments at outcome } }")
			.json()
			.path("data")
			.path("auditLog");

		assertThat(entries.size()).isGreaterThanOrEqualTo(2);
		assertThat(entries.path(0).path("actor").asString()).isEqualTo("viewer");
		assertThat(entries.path(0).path("outcome").asString()).isEqualTo("FORBIDDEN");
		assertThat(entries.path(1).path("actor").asString()).isEqualTo("admin");
		assertThat(entries.path(1).path("operation").asString()).isEqualTo("updateRateLimit");
		assertThat(entries.path(1).path("outcome").asString()).isEqualTo("OK");
		assertThat(entries.path(1).path("arguments").asString()).contains("perMinute: 12");
	}

	@Test
	void argumentsRefusedBeforeAnythingRunsAreInvalidParametersToo() {
		assertThat(admin().graphql("{ queue { name } }").errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(admin()
			.graphql("mutation { cleanQueue(queueName: \"default\", input: { status: SOMETIMES })" + " { removed } }")
			.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(admin().graphql("{ queues { name ").errorCode()).isEqualTo("INVALID_PARAMETERS");
	}

	@Test
	void onlyAnAdminMayReadTheAuditLog() {
		assertThat(viewer().graphql("{ auditLog { actor } }").errorCode()).isEqualTo("FORBIDDEN");
	}

	private ApiClient admin() {
		return ApiClient.as(this.port, "admin", "admin-secret");
	}

	private ApiClient viewer() {
		return ApiClient.as(this.port, "viewer", "viewer-secret");
	}

}
