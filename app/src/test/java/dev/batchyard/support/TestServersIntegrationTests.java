package dev.batchyard.support;

import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class TestServersIntegrationTests {

	@Test
	void postgresIsARealPostgresql17() throws Exception {
		try (var connection = DriverManager.getConnection(TestServers.postgresJdbcUrl(), "postgres", "postgres");
				var result = connection.createStatement().executeQuery("SHOW server_version")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).startsWith("17.");
		}
	}

	@Test
	void redisAnswersPingAndKeepsWhatIsWritten() {
		var configuration = new RedisStandaloneConfiguration("127.0.0.1",
				Integer.parseInt(TestServers.redisUrl().replaceAll(".*:", "")));
		var factory = new LettuceConnectionFactory(configuration);
		factory.afterPropertiesSet();
		factory.start();
		try (var connection = factory.getConnection()) {
			assertThat(connection.ping()).isEqualTo("PONG");
			connection.stringCommands().set("batchyard:probe".getBytes(), "42".getBytes());
			assertThat(connection.stringCommands().get("batchyard:probe".getBytes())).isEqualTo("42".getBytes());
		}
		finally {
			factory.destroy();
		}
	}

}
