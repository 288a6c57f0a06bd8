package dev.batchyard.store;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class StoreEnvironmentPostProcessorTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void withoutRedisRedisSupportIsSwitchedOffAndLimitsStayNodeLocal() {
		process(Map.of(), Map.of());

		assertThat(this.environment.getProperty("batchyard.redis.enabled", Boolean.class)).isFalse();
		assertThat(this.environment.getProperty("spring.autoconfigure.exclude")).contains("DataRedisAutoConfiguration",
				"DataRedisHealthContributorAutoConfiguration");
	}

	@Test
	void theBriefsRedisUrlVariableTurnsRedisOn() {
		process(Map.of("REDIS_URL", "redis://cache:6379"), Map.of());

		assertThat(this.environment.getProperty("spring.data.redis.url")).isEqualTo("redis://cache:6379");
		assertThat(this.environment.getProperty("batchyard.redis.enabled", Boolean.class)).isTrue();
		assertThat(this.environment.getProperty("spring.autoconfigure.exclude")).isNull();
	}

	@Test
	void anExplicitSpringRedisUrlWinsOverRedisUrl() {
		process(Map.of("REDIS_URL", "redis://brief:6379"), Map.of("spring.data.redis.url", "redis://explicit:6379"));

		assertThat(this.environment.getProperty("spring.data.redis.url")).isEqualTo("redis://explicit:6379");
	}

	@Test
	void excludesAUserAlreadyHasAreKept() {
		process(Map.of(), Map.of("spring.autoconfigure.exclude", "com.example.SomeAutoConfiguration"));

		assertThat(this.environment.getProperty("spring.autoconfigure.exclude"))
			.startsWith("com.example.SomeAutoConfiguration,")
			.contains("DataRedisAutoConfiguration");
	}

	@Test
	void onPostgresqlQuartzUsesItsPostgresqlDelegate() {
		process(Map.of(), Map.of("spring.datasource.url", "jdbc:postgresql://db:5432/batchyard"));

		assertThat(this.environment.getProperty("spring.quartz.properties.org.quartz.jobStore.driverDelegateClass"))
			.isEqualTo("org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
	}

	@Test
	void onH2QuartzKeepsItsStandardDelegate() {
		process(Map.of(), Map.of("spring.datasource.url", "jdbc:h2:file:./data/batchyard"));

		assertThat(this.environment.getProperty("spring.quartz.properties.org.quartz.jobStore.driverDelegateClass"))
			.isNull();
	}

	private void process(Map<String, Object> systemEnvironment, Map<String, Object> configuration) {
		var sources = this.environment.getPropertySources();
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						systemEnvironment));
		MockPropertySource config = new MockPropertySource("application");
		configuration.forEach(config::setProperty);
		sources.addLast(config);
		new StoreEnvironmentPostProcessor().postProcessEnvironment(this.environment, new SpringApplication());
	}

}
