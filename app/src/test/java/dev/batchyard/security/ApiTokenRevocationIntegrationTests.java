package dev.batchyard.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.support.ApiClient;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL: a token created on one works on the other, and once
 * revoked is refused on both within 5 s.
 */
class ApiTokenRevocationIntegrationTests {

	private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@BeforeAll
	static void startTwoNodes() {
		String url = TestServers.freshPostgresDatabase("api_tokens");
		for (String id : List.of("node-a", "node-b")) {
			nodes.add(new SpringApplicationBuilder(BatchyardApplication.class).run("--server.port=0",
					"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres", "--batchyard.node.id=" + id,
					"--spring.quartz.properties.org.quartz.scheduler.instanceId=" + id,
					"--batchyard.security.admin.password=shared"));
		}
	}

	@AfterAll
	static void stopNodes() {
		nodes.forEach(ConfigurableApplicationContext::close);
	}

	private static int port(int node) {
		return ((WebServerApplicationContext) nodes.get(node)).getWebServer().getPort();
	}

	@Test
	void aTokenRevokedOnOneNodeIsRefusedOnTheOtherWithinFiveSeconds() {
		ApiClient adminA = ApiClient.as(port(0), "admin", "shared");
		JsonNode created = ApiTokensTests.create(adminA, "reporting", "VIEWER", null);
		String secret = created.path("secret").asString();
		ApiClient onA = ApiClient.bearer(port(0), secret);
		ApiClient onB = ApiClient.bearer(port(1), secret);
		assertThat(onA.graphql("{ __typename }").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> onB.graphql("{ __typename }").status() == 200);

		long revokedAt = System.nanoTime();
		adminA.graphql(ApiTokensTests.REVOKE, Map.of("id", created.path("token").path("id").asString()));

		assertThat(onA.graphql("{ __typename }").status()).isEqualTo(401);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> onB.graphql("{ __typename }").status() == 401);
		assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
	}

}
