package dev.batchyard.catalog;

import org.springframework.boot.test.context.runner.ContextConsumer;

import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.Job;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CatalogAutoConfiguration.class));

	@Test
	void maxWorkersZeroFailsTheBootNamingTheProperty() {
		this.runner.withPropertyValues("batchyard.catalog.queues.email-campaigns.max-workers=0")
			.run(failsWith(
					"batchyard.catalog.queues.email-campaigns.max-workers must be greater than min-workers 1 (was 0)"));
	}

	@Test
	void maxWorkersAboveFiftyFailsTheBootNamingTheProperty() {
		this.runner.withPropertyValues("batchyard.catalog.queues.email-campaigns.max-workers=51")
			.run(failsWith("batchyard.catalog.queues.email-campaigns.max-workers must be at most 50 (was 51)"));
	}

	@Test
	void aBadDefaultNamesTheDefaultsPropertyOnce() {
		this.runner.withPropertyValues("batchyard.catalog.defaults.max-workers=60").run((context) -> {
			assertThat(context).hasFailed();
			InvalidCatalogException failure = invalidCatalog(context);
			assertThat(failure.errors()).hasSize(1);
			assertThat(failure.errors().get(0))
				.startsWith("batchyard.catalog.defaults.max-workers must be at most 50 (was 60) for queues ")
				.contains("password-reset", "search-reindex");
		});
	}

	@Test
	void aBadTierValueNamesTheTierProperty() {
		this.runner.withPropertyValues("batchyard.catalog.tiers.critical.min-workers=0")
			.run(failsWith("batchyard.catalog.tiers.critical.min-workers must be at least 1 (was 0)"));
	}

	@Test
	void minWorkersAtOrAboveMaxWorkersFailsTheBoot() {
		this.runner
			.withPropertyValues("batchyard.catalog.queues.default.min-workers=4",
					"batchyard.catalog.queues.default.max-workers=4")
			.run(failsWith("batchyard.catalog.queues.default.max-workers must be greater than min-workers 4 (was 4)"));
	}

	@Test
	void aConcurrencyOutsideThePoolBoundsFailsTheBoot() {
		this.runner
			.withPropertyValues("batchyard.catalog.queues.default.max-workers=4",
					"batchyard.catalog.queues.low-priority.concurrency=7")
			.run(failsWith("batchyard.catalog.queues.default.max-workers must be at least concurrency 5 (was 4)"));
		this.runner
			.withPropertyValues("batchyard.catalog.queues.low-priority.max-workers=6",
					"batchyard.catalog.queues.low-priority.concurrency=7")
			.run(failsWith("batchyard.catalog.queues.low-priority.concurrency must be at most max-workers 6 (was 7)"));
	}

	@Test
	void alertThresholdsLayerValueByValue() {
		this.runner
			.withPropertyValues("batchyard.catalog.tiers.background.alerts.queue-depth.warning=1000",
					"batchyard.catalog.queues.search-reindex.alerts.queue-depth.critical=5000",
					"batchyard.catalog.queues.search-reindex.alerts.error-rate.warning=25")
			.run((context) -> {
				QueueCatalog catalog = context.getBean(QueueCatalog.class);
				AlertThresholds reindex = catalog.get("search-reindex").alerts();
				assertThat(reindex.queueDepth()).isEqualTo(new AlertThreshold(1000.0, 5000.0));
				assertThat(reindex.errorRate()).isEqualTo(new AlertThreshold(25.0, null));
				assertThat(reindex.timeoutRate()).isNull();
				assertThat(catalog.get("session-cleanup").alerts().queueDepth())
					.isEqualTo(new AlertThreshold(1000.0, null));
				assertThat(catalog.get("default").alerts()).isEqualTo(AlertThresholds.NONE);
			});
	}

	@Test
	void anAlertWarningAboveItsCriticalFailsTheBootNamingTheProperty() {
		this.runner
			.withPropertyValues("batchyard.catalog.tiers.background.alerts.queue-depth.critical=100",
					"batchyard.catalog.queues.search-reindex.alerts.queue-depth.warning=150")
			.run(failsWith("batchyard.catalog.queues.search-reindex.alerts.queue-depth.warning must not be above"
					+ " alerts.queue-depth.critical 100.0 (was 150.0)"));
		this.runner.withPropertyValues("batchyard.catalog.queues.default.alerts.error-rate.critical=0")
			.run(failsWith(
					"batchyard.catalog.queues.default.alerts.error-rate.critical must be greater than 0 (was 0.0)"));
	}

	@Test
	void aTimeoutOfTenMillisecondsFailsTheBoot() {
		this.runner.withPropertyValues("batchyard.catalog.queues.email-retry.timeout=10ms")
			.run(failsWith(
					"batchyard.catalog.queues.email-retry.timeout must be between 1000ms and 7200000ms (was 10ms)"));
	}

	@Test
	void aTimeoutAboveTwoHoursFailsTheBoot() {
		this.runner.withPropertyValues("batchyard.catalog.tiers.low.timeout=3h")
			.run(failsWith(
					"batchyard.catalog.tiers.low.timeout must be between 1000ms and 7200000ms (was 10800000ms)"));
	}

	@Test
	void anUnknownTierFailsTheBootListingTheAllowedTiers() {
		this.runner.withPropertyValues("batchyard.catalog.queues.default.tier=URGENT")
			.run(failsWith("batchyard.catalog.queues.default.tier must be one of CRITICAL, HIGH, NORMAL, LOW, "
					+ "BACKGROUND (was 'URGENT')"));
	}

	@Test
	void anUnknownTierKeyFailsTheBoot() {
		this.runner.withPropertyValues("batchyard.catalog.tiers.urgent.max-workers=5")
			.run(failsWith("batchyard.catalog.tiers.urgent must be keyed by a tier, one of CRITICAL, HIGH, NORMAL, "
					+ "LOW, BACKGROUND (was 'urgent')"));
	}

	@Test
	void anUnknownLimiterFailsTheBoot() {
		this.runner.withPropertyValues("batchyard.catalog.queues.email-retry.limiters=emailSending,smsSending")
			.run(failsWith("batchyard.catalog.queues.email-retry.limiters[1] must name a defined rate limit"));
	}

	@Test
	void anAddedQueueMustNameATierAndHaveAKebabName() {
		this.runner
			.withPropertyValues("batchyard.catalog.queues.video-transcoding.concurrency=2",
					"batchyard.catalog.queues.[Video_Upload].tier=normal")
			.run(failsWith("batchyard.catalog.queues.video-transcoding.tier must be set for a queue that is not "
					+ "built in, to one of CRITICAL, HIGH, NORMAL, LOW, BACKGROUND (was not set)")
				.andThen(failsWith("batchyard.catalog.queues.Video_Upload must be a lowercase kebab-case queue name "
						+ "like email-campaigns (was 'Video_Upload')")));
	}

	@Test
	void memoryAttemptsAndBackoffsAreChecked() {
		this.runner.withPropertyValues("batchyard.catalog.queues.default.memory-budget-mb=0",
				"batchyard.catalog.queues.default.max-attempts=0", "batchyard.catalog.queues.default.backoff.delay=-1s",
				"batchyard.catalog.queues.low-priority.backoff.type=linear",
				"batchyard.catalog.queues.high-priority.backoff.type=custom")
			.run(failsWith("batchyard.catalog.queues.default.memory-budget-mb must be at least 1 (was 0)")
				.andThen(failsWith("batchyard.catalog.queues.default.max-attempts must be at least 1 (was 0)"))
				.andThen(failsWith("batchyard.catalog.queues.default.backoff.delay must be at least 0 (was -1000ms)"))
				.andThen(failsWith("batchyard.catalog.queues.low-priority.backoff.type must be one of fixed, "
						+ "exponential, custom (was 'linear')"))
				.andThen(failsWith("batchyard.catalog.queues.high-priority.backoff.type must not be custom without "
						+ "backoff.delays (was 'custom')")));
	}

	@Test
	void rateLimitWindowsMustBePositiveAndAtLeastOneSet() {
		this.runner
			.withPropertyValues("batchyard.catalog.rate-limits.stripeApi.per-second=0",
					"batchyard.catalog.rate-limits.sms.algorithm=token-bucket")
			.run(failsWith("batchyard.catalog.rate-limits.stripeApi.per-second must be at least 1 (was 0)")
				.andThen(failsWith("batchyard.catalog.rate-limits.sms must set at least one of per-second, "
						+ "per-minute, per-hour, per-day (was 'none')")));
	}

	@Test
	void twoBadValuesAreReportedTogether() {
		this.runner
			.withPropertyValues("batchyard.catalog.queues.email-campaigns.max-workers=60",
					"batchyard.catalog.queues.email-retry.timeout=10ms")
			.run((context) -> assertThat(invalidCatalog(context).errors()).containsExactlyInAnyOrder(
					"batchyard.catalog.queues.email-campaigns.max-workers must be at most 50 (was 60)",
					"batchyard.catalog.queues.email-retry.timeout must be between 1000ms and 7200000ms (was 10ms)"));
	}

	@Test
	void aJobTypeWithAnUnknownDefaultQueueFailsTheBoot() {
		this.runner.withUserConfiguration(UnknownQueueJobType.class).run((context) -> {
			assertThat(context).hasFailed();
			InvalidCatalogException failure = invalidCatalog(context);
			assertThat(failure).isInstanceOf(InvalidJobTypeException.class);
			assertThat(failure.errors()).singleElement()
				.asString()
				.contains("job type 'send-sms'", "default queue must be a queue of the catalog", "(was 'sms')");
		});
	}

	@Test
	void twoJobTypesWithOneNameFailTheBoot() {
		this.runner.withUserConfiguration(DuplicateJobTypes.class)
			.run(failsWith("job type name 'send-email' must be unique"));
	}

	@Test
	void jobTypesOnExistingQueuesStartFine() {
		this.runner.withUserConfiguration(GoodJobType.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBeans(JobType.class)
				.hasSize(8)
				.anySatisfy((name, type) -> assertThat(type.descriptor().name()).isEqualTo("resize-image"))
				.anySatisfy((name, type) -> assertThat(type.descriptor().name()).isEqualTo("probe")));
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String message) {
		return (context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidCatalog(context).errors()).anySatisfy((error) -> assertThat(error).startsWith(message));
		};
	}

	static InvalidCatalogException invalidCatalog(AssertableApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidCatalogException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("an InvalidCatalogException in %s", context.getStartupFailure()).isNotNull();
		return (InvalidCatalogException) failure;
	}

	static JobType<String> jobType(String name, String queue) {
		Job job = (execution) -> {
		};
		JobTypeDescriptor<String> descriptor = new JobTypeDescriptor<>(name, queue, String.class);
		return new JobType<>() {

			@Override
			public JobTypeDescriptor<String> descriptor() {
				return descriptor;
			}

			@Override
			public Job job(String payload, JobContext context) {
				return job;
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownQueueJobType {

		@Bean
		JobType<String> sendSms() {
			return jobType("send-sms", "sms");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateJobTypes {

		@Bean
		JobType<String> sendEmail() {
			return jobType("send-email", "email-retry");
		}

		@Bean
		JobType<String> sendEmailAgain() {
			return jobType("send-email", "scheduled-emails");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GoodJobType {

		@Bean
		JobType<String> sendEmail() {
			return jobType("resize-image", "email-retry");
		}

	}

}
