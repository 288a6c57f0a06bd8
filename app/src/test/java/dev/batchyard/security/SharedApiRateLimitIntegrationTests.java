package dev.batchyard.security;

import java.util.ArrayList;
import java.util.List;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.support.ApiClient;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes with a real Redis share each user's API request count.
 */
class SharedApiRateLimitIntegrationTests {

	private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@BeforeAll
	static void startTwoNodesSharingRedis() {
		String url = TestServers.freshPostgresDatabase("api_rate");
		for (String id : List.of("node-a", "node-b")) {
			nodes.add(new SpringApplicationBuilder(BatchyardApplication.class).run("--server.port=0",
					"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres", "--spring.data.redis.url=" + TestServers.redisUrl(),
					"--batchyard.node.id=" + id, "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + id,
					"--batchyard.security.admin.password=shared", "--batchyard.api.rate-limit.requests-per-minute=6"));
		}
	}

	@AfterAll
	static void stopNodes() {
		nodes.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void requestsToEitherNodeCountAgainstTheSameLimit() {
		List<ApiClient> clients = nodes.stream()
			.map((node) -> ApiClient.as(((WebServerApplicationContext) node).getWebServer().getPort(), "admin",
					"shared"))
			.toList();
		List<Integer> statuses = new ArrayList<>();
		List<String> resets = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			ApiClient.Response response = clients.get(i % 2).graphql("{ queue(name: \"default\") { name } }");
			statuses.add(response.status());
			resets.add(response.headers().get("x-ratelimit-reset").get(0));
		}

		if (resets.stream().distinct().count() > 1) {
			// a new minute began mid-test and the count started over; nothing to conclude
			return;
		}
		assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 429);
	}

}
