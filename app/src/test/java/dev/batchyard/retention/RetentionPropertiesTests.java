package dev.batchyard.retention;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention horizons as a node binds them from the shipped application.yml and the
 * brief's environment variables: a bare number means hours, as the README says.
 */
class RetentionPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void theShippedHorizonsAreADayForCompletedJobsAndAWeekForFailedOnes() {
		this.runner.run((context) -> {
			RetentionProperties properties = context.getBean(RetentionProperties.class);
			assertThat(properties.completedAfter()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.failedAfter()).isEqualTo(Duration.ofDays(7));
		});
	}

	@Test
	void aBareNumberInTheEnvironmentVariablesMeansHours() {
		this.runner.withPropertyValues("JOBS_CLEAN_COMPLETED_AFTER=48", "JOBS_CLEAN_FAILED_AFTER=36").run((context) -> {
			RetentionProperties properties = context.getBean(RetentionProperties.class);
			assertThat(properties.completedAfter()).isEqualTo(Duration.ofHours(48));
			assertThat(properties.failedAfter()).isEqualTo(Duration.ofHours(36));
		});
	}

	@Test
	void aBareNumberInThePropertiesMeansHoursAndAUnitIsKept() {
		this.runner.withPropertyValues("batchyard.retention.completed-after=2", "batchyard.retention.failed-after=90m")
			.run((context) -> {
				RetentionProperties properties = context.getBean(RetentionProperties.class);
				assertThat(properties.completedAfter()).isEqualTo(Duration.ofHours(2));
				assertThat(properties.failedAfter()).isEqualTo(Duration.ofMinutes(90));
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RetentionProperties.class)
	static class PropertiesOnly {

	}

}
