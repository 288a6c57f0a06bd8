package dev.batchyard.catalog;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CatalogAutoConfiguration.class));

	@Test
	void withoutPropertiesTheCatalogIsTheBuiltInOne() {
		this.runner.run((context) -> assertThat(context.getBean(QueueCatalog.class).queues())
			.isEqualTo(QueueCatalog.builtIn().queues()));
	}

	@Test
	void aQueueOverrideBeatsATierOverrideWhichBeatsTheDefaults() {
		this.runner
			.withPropertyValues("batchyard.catalog.defaults.timeout=120s", "batchyard.catalog.defaults.max-attempts=4",
					"batchyard.catalog.tiers.high.timeout=90s", "batchyard.catalog.tiers.high.max-attempts=6",
					"batchyard.catalog.queues.email-retry.timeout=45s")
			.run((context) -> {
				QueueCatalog catalog = context.getBean(QueueCatalog.class);
				assertThat(catalog.get("email-retry").timeout()).isEqualTo(Duration.ofSeconds(45));
				assertThat(catalog.get("email-retry").retryPolicy().maxAttempts()).isEqualTo(6);
				assertThat(catalog.get("scheduled-emails").timeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(catalog.get("default").timeout()).isEqualTo(Duration.ofSeconds(120));
				assertThat(catalog.get("default").retryPolicy().maxAttempts()).isEqualTo(4);
			});
	}

	@Test
	void theDefaultsBeatTheBuiltInQueueValues() {
		this.runner.withPropertyValues("batchyard.catalog.defaults.memory-budget-mb=256").run((context) -> {
			QueueCatalog catalog = context.getBean(QueueCatalog.class);
			assertThat(catalog.queues()).allSatisfy((queue) -> assertThat(queue.memoryBudgetMb()).isEqualTo(256));
		});
	}

	@Test
	void aRaisedConcurrencyRaisesTheMaxWorkersWhenNoneIsConfigured() {
		this.runner.withPropertyValues("batchyard.catalog.queues.email-retry.concurrency=30")
			.run((context) -> assertThat(context.getBean(QueueCatalog.class).get("email-retry").maxWorkers())
				.isEqualTo(30));
	}

	@Test
	void aQueueThatIsNotBuiltInIsAddedToTheCatalog() {
		this.runner
			.withPropertyValues("batchyard.catalog.queues.video-transcoding.tier=normal",
					"batchyard.catalog.queues.video-transcoding.concurrency=4",
					"batchyard.catalog.queues.video-transcoding.limiters=assetProcessing",
					"batchyard.catalog.queues.video-transcoding.backoff.type=custom",
					"batchyard.catalog.queues.video-transcoding.backoff.delays=1s,1m")
			.run((context) -> {
				QueueDefinition queue = context.getBean(QueueCatalog.class).get("video-transcoding");
				assertThat(queue.tier()).isEqualTo(Tier.NORMAL);
				assertThat(queue.concurrency()).isEqualTo(4);
				assertThat(queue.maxWorkers()).isEqualTo(10);
				assertThat(queue.limiters()).containsExactly("assetProcessing");
				assertThat(queue.retryPolicy().backoff())
					.isEqualTo(Backoff.custom(List.of(Duration.ofSeconds(1), Duration.ofMinutes(1))));
				assertThat(context.getBean(QueueCatalog.class).queues()).hasSize(31);
			});
	}

	@Test
	void aQueueCanMoveToAnotherTierAndTakesThatTiersValues() {
		this.runner
			.withPropertyValues("batchyard.catalog.queues.default.tier=CRITICAL",
					"batchyard.catalog.tiers.critical.max-attempts=7")
			.run((context) -> {
				QueueDefinition queue = context.getBean(QueueCatalog.class).get("default");
				assertThat(queue.tier()).isEqualTo(Tier.CRITICAL);
				assertThat(queue.minWorkers()).isEqualTo(2);
				assertThat(queue.timeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(queue.retryPolicy().maxAttempts()).isEqualTo(7);
			});
	}

	@Test
	void rateLimitsCanBeChangedAndAdded() {
		this.runner
			.withPropertyValues("batchyard.catalog.rate-limits.emailSending.per-minute=600",
					"batchyard.catalog.rate-limits.emailSending.algorithm=token-bucket",
					"batchyard.catalog.rate-limits.smsSending.per-second=5",
					"batchyard.catalog.queues.message-delivery.limiters=resendApi,smsSending")
			.run((context) -> {
				QueueCatalog catalog = context.getBean(QueueCatalog.class);
				assertThat(catalog.findRateLimit("emailSending")).hasValueSatisfying((limit) -> {
					assertThat(limit.perMinute()).isEqualTo(600L);
					assertThat(limit.perHour()).isEqualTo(10_000L);
					assertThat(limit.algorithm()).isEqualTo(RateLimitAlgorithm.TOKEN_BUCKET);
				});
				assertThat(catalog.get("message-delivery").limiters()).hasSize(2).contains("resendApi");
				assertThat(catalog.rateLimits()).hasSize(9);
			});
	}

}
