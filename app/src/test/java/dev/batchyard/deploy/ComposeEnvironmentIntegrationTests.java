package dev.batchyard.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.support.ApiClient;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts a node with exactly the environment {@code deploy/compose.yaml} gives its nodes,
 * with only the host names of PostgreSQL and Redis pointed at the real test servers: the
 * production profile migrates an empty PostgreSQL, uses Redis, and serves the API.
 */
class ComposeEnvironmentIntegrationTests {

	private static final String ADMIN_PASSWORD = "compose-admin";

	private static ConfigurableApplicationContext node;

	private static Map<String, Object> composeEnvironment;

	@BeforeAll
	static void startANodeWithTheComposeEnvironment() throws IOException {
		createComposeDatabase();
		composeEnvironment = nodeEnvironment();
		Map<String, Object> environment = new LinkedHashMap<>();
		composeEnvironment.forEach((name, value) -> environment.put(name, pointAtTestServers(String.valueOf(value))));
		environment.put("SERVER_PORT", "0");
		StandardEnvironment standard = new StandardEnvironment();
		standard.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		node = new SpringApplicationBuilder(BatchyardApplication.class).environment(standard).run();
	}

	@AfterAll
	static void stopTheNode() {
		if (node != null) {
			node.close();
		}
	}

	@Test
	void composeSetsOnlyVariablesTheAppReads() {
		assertThat(composeEnvironment).containsOnlyKeys("SPRING_PROFILES_ACTIVE", "SPRING_DATASOURCE_URL",
				"SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "REDIS_URL", "BATCHYARD_ADMIN_PASSWORD",
				"BATCHYARD_VIEWER_PASSWORD");
		var environment = node.getEnvironment();
		assertThat(environment.getActiveProfiles()).containsExactly("prod");
		assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://127.0.0.1:");
		assertThat(environment.getProperty("spring.data.redis.url")).startsWith("redis://127.0.0.1:");
		assertThat(environment.getProperty("batchyard.security.admin.password")).isEqualTo(ADMIN_PASSWORD);
	}

	@Test
	void theEmptyPostgresqlDatabaseIsMigrated() {
		JdbcClient jdbc = node.getBean(JdbcClient.class);

		assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Integer.class).single())
			.isGreaterThanOrEqualTo(4);
		assertThat(jdbc.sql("SELECT count(*) FROM job").query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM qrtz_scheduler_state").query(Integer.class).single())
			.as("the clustered Quartz scheduler checked in")
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void healthIsUpWithPostgresqlAndRedis() {
		JsonNode health = admin().get("/actuator/health").json();

		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("db").path("details").path("database").asString())
			.isEqualTo("PostgreSQL");
		assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
		assertThat(node.getBeanProvider(RedisConnectionFactory.class).getIfAvailable()).isNotNull();
	}

	@Test
	void theApiServesTheSameThirtyQueues() {
		JsonNode queues = admin().graphql("{ queues { name tier } }").json().path("data").path("queues");

		assertThat(queues.size()).isEqualTo(30);
		assertThat(ApiClient.anonymous(port()).graphql("{ queues { name } }").status()).isEqualTo(401);
	}

	private static ApiClient admin() {
		return ApiClient.as(port(), "admin", ADMIN_PASSWORD);
	}

	private static int port() {
		return ((WebServerApplicationContext) node).getWebServer().getPort();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> nodeEnvironment() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("..", "deploy", "compose.yaml")));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> nodeA = (Map<String, Object>) services.get("node-a");
		Map<String, Object> nodeB = (Map<String, Object>) services.get("node-b");
		assertThat(nodeB.get("environment")).isEqualTo(nodeA.get("environment"));
		Map<String, Object> environment = new LinkedHashMap<>((Map<String, Object>) nodeA.get("environment"));
		// what `docker compose` would interpolate from the caller's shell
		environment.replaceAll((name, value) -> interpolate(String.valueOf(value)));
		return environment;
	}

	private static String interpolate(String value) {
		if (value.startsWith("${BATCHYARD_ADMIN_PASSWORD")) {
			return ADMIN_PASSWORD;
		}
		return value.startsWith("${") ? "" : value;
	}

	private static String pointAtTestServers(String value) {
		String postgresPort = String.valueOf(TestServers.postgres().getPort());
		String redisAddress = TestServers.redisUrl().substring("redis://".length());
		return value.replace("//postgres:5432/", "//127.0.0.1:" + postgresPort + "/")
			.replace("//redis:6379", "//" + redisAddress);
	}

	private static void createComposeDatabase() {
		try (var connection = TestServers.postgres().getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS batchyard WITH (FORCE)");
			statement.execute("DROP ROLE IF EXISTS batchyard");
			statement.execute("CREATE ROLE batchyard LOGIN PASSWORD 'batchyard'");
			statement.execute("CREATE DATABASE batchyard OWNER batchyard");
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
