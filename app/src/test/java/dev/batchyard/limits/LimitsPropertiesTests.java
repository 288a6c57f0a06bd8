package dev.batchyard.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code batchyard.limits.*}: defaults, and a bad value fails the boot naming it.
 */
class LimitsPropertiesTests {

	/** Reads the shipped application.yml, as a node does. */
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void theShippedConfigurationCountsTheLiveNodesProbesEveryFiveSecondsAndRefreshesEveryTwo() {
		this.runner.run((context) -> assertThat(context.getBean(LimitsProperties.class))
			.isEqualTo(new LimitsProperties(0, Duration.ofSeconds(5), Duration.ofSeconds(2))));
	}

	@Test
	void withoutAnyConfigurationTheRecordsDefaultsAgreeWithTheShippedFile() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
			.run((context) -> assertThat(context.getBean(LimitsProperties.class))
				.isEqualTo(new LimitsProperties(0, Duration.ofSeconds(5), Duration.ofSeconds(2))));
	}

	@Test
	void aNegativeFallbackNodeCountFailsTheBootNamingTheProperty() {
		this.runner.withPropertyValues("batchyard.limits.fallback-node-count=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("batchyard.limits.fallback-node-count must be 0 (count the live nodes) or more"));
	}

	@Test
	void aRefreshSlowerThanFiveSecondsFailsTheBoot() {
		this.runner.withPropertyValues("batchyard.limits.refresh-interval=10s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("batchyard.limits.refresh-interval must be between"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LimitsProperties.class)
	static class PropertiesOnly {

	}

}
