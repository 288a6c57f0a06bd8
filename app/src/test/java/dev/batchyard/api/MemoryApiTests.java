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
		properties = { "spring.datasource.url=jdbc:h2:mem:memory-api;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret",
				"batchyard.memory.soft-limit-mb=600", "batchyard.memory.hard-limit-mb=2000",
				"batchyard.memory.warning-threshold-percent=80", "batchyard.memory.budgets.asset-processing=4096" })
class MemoryApiTests {

	@LocalServerPort
	int port;

	@Test
	void aViewerReadsThisNodesMemoryAgainstItsLimits() {
		JsonNode current = viewer().graphql("""
				{ currentMemory { stats { heapUsed heapTotal external rss arrayBuffers percentage timestamp }
				  limits { softLimitMB hardLimitMB warningThresholdPercent }
				  status { withinLimits exceedsWarning exceedsCritical } } }""")
			.json()
			.path("data")
			.path("currentMemory");

		assertThat(current.path("limits").path("hardLimitMB").asInt()).isEqualTo(2000);
		assertThat(current.path("limits").path("softLimitMB").asInt()).isEqualTo(600);
		assertThat(current.path("limits").path("warningThresholdPercent").asInt()).isEqualTo(80);
		double heapUsed = current.path("stats").path("heapUsed").asDouble();
		assertThat(heapUsed).isPositive();
		assertThat(current.path("stats").path("percentage").asDouble()).isCloseTo(heapUsed / 20,
				org.assertj.core.data.Offset.offset(0.1));
		assertThat(current.path("stats").path("rss").asDouble()).isPositive();
		assertThat(current.path("status").path("withinLimits").asBoolean()).isEqualTo(heapUsed < 600);
		assertThat(current.path("status").path("exceedsCritical").asBoolean()).isFalse();
	}

	@Test
	void memoryConfigShowsTheLimitsEachQueuesBudgetAndRecycling() {
		JsonNode config = viewer().graphql("""
				{ memoryConfig { worker { softLimit hardLimit warningThreshold }
				  jobSpecific { queueName limitMB } recycling { afterJobs afterHours } } }""")
			.json()
			.path("data")
			.path("memoryConfig");

		assertThat(config.path("worker").path("hardLimit").asInt()).isEqualTo(2000);
		assertThat(config.path("recycling").path("afterJobs").asInt()).isEqualTo(1000);
		assertThat(config.path("recycling").path("afterHours").asInt()).isEqualTo(4);
		assertThat(limit(config, "asset-processing")).isEqualTo(4096);
		assertThat(limit(config, "email-campaigns")).isEqualTo(1024);
	}

	@Test
	void aJobWhoseBudgetExceedsTheHardLimitIsRefusedWithInvalidParametersNamingMemory() {
		Response response = admin().graphql("mutation($input: EnqueueJobInput!) { enqueueJob(input: $input) { id } }",
				Map.of("input", Map.of("type", "probe", "queueName", "asset-processing", "payload", Map.of())));

		JsonNode error = response.json().path("errors").path(0);
		assertThat(error.path("extensions").path("code").asString()).isEqualTo("INVALID_PARAMETERS");
		assertThat(error.path("message").asString()).contains("memory").contains("4096 MB").contains("2000 MB");
	}

	@Test
	void aJobOnAVirtualThreadHasNoMeasuredAllocation() {
		String id = admin()
			.graphql("mutation($input: EnqueueJobInput!) { enqueueJob(input: $input) { id } }",
					Map.of("input", Map.of("type", "probe", "queueName", "session-cleanup", "payload", Map.of())))
			.json()
			.path("data")
			.path("enqueueJob")
			.path("id")
			.asString();

		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(20))
			.until(() -> "COMPLETED".equals(job(id).path("state").asString()));
		assertThat(job(id).path("allocatedMb").isNull()).isTrue();
	}

	private static int limit(JsonNode config, String queueName) {
		return config.path("jobSpecific")
			.valueStream()
			.filter((queue) -> queue.path("queueName").asString().equals(queueName))
			.findFirst()
			.orElseThrow()
			.path("limitMB")
			.asInt();
	}

	private JsonNode job(String id) {
		return admin().graphql("query($id: ID!) { job(id: $id) { state allocatedMb } }", Map.of("id", id))
			.json()
			.path("data")
			.path("job");
	}

	private ApiClient admin() {
		return ApiClient.as(this.port, "admin", "admin-secret");
	}

	private ApiClient viewer() {
		return ApiClient.as(this.port, "viewer", "viewer-secret");
	}

}
