package dev.batchyard.schedule.internal;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.engine.EngineProperties.NodeProperties;
import dev.batchyard.schedule.ScheduleProperties;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.quartz.autoconfigure.JobStoreType;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How soon a silent node is taken for dead, in the shipped configuration and when an
 * operator changes it.
 */
class QuartzFailoverSettingsTests {

	@Test
	void theShippedConfigurationChecksInEverySecondAndTakesASilentNodeForDeadAfterTwoAndAHalfSeconds()
			throws Exception {
		try (ConfigurableApplicationContext node = new SpringApplicationBuilder(BatchyardApplication.class).run(
				"--spring.main.web-application-type=none",
				"--spring.datasource.url=jdbc:h2:mem:failover-settings;DB_CLOSE_DELAY=-1")) {
			ScheduleProperties schedule = node.getBean(ScheduleProperties.class);
			Scheduler quartz = node.getBean(Scheduler.class);

			assertThat(schedule.checkInInterval()).hasSeconds(1);
			assertThat(schedule.failoverGrace()).hasMillis(1500);
			assertThat(quartz.getMetaData().getJobStoreClass()).isEqualTo(NodeLocalDataSourceJobStore.class);
		}
	}

	@Test
	void theIntervalsGoToQuartzUnlessQuartzIsConfiguredDirectly() {
		QuartzProperties quartz = new QuartzProperties();
		quartz.setJobStoreType(JobStoreType.JDBC);
		ScheduleProperties schedule = new ScheduleProperties(null, Duration.ofMillis(700), Duration.ofSeconds(2));

		Properties derived = QuartzNodeConfiguration.properties(quartz, nodeProperties(), schedule);
		quartz.getProperties().put(QuartzNodeConfiguration.CHECK_IN_INTERVAL, "5000");
		Properties explicit = QuartzNodeConfiguration.properties(quartz, nodeProperties(), schedule);

		assertThat(derived).containsEntry(QuartzNodeConfiguration.CHECK_IN_INTERVAL, "700")
			.containsEntry("org.quartz.jobStore.failoverGraceMillis", "2000");
		assertThat(explicit).containsEntry(QuartzNodeConfiguration.CHECK_IN_INTERVAL, "5000");
	}

	@Test
	void intervalsTooShortToTellAPauseFromADeathAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScheduleProperties(null, Duration.ofMillis(50), Duration.ofSeconds(2)))
			.withMessageContaining("batchyard.schedule.check-in-interval");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScheduleProperties(null, Duration.ofSeconds(1), Duration.ofMillis(100)))
			.withMessageContaining("batchyard.schedule.failover-grace");
	}

	private static NodeProperties nodeProperties() {
		return new NodeProperties("node-a", List.of());
	}

}
