package dev.batchyard.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BuiltInCatalogTests {

	private final QueueCatalog catalog = QueueCatalog.from(CatalogProperties.none());

	@Test
	void theBuiltInCatalogHasTheThirtyQueuesOfTheBriefInTheirTiers() {
		Map<Tier, List<String>> byTier = this.catalog.queues()
			.stream()
			.collect(Collectors.groupingBy(QueueDefinition::tier,
					Collectors.mapping(QueueDefinition::name, Collectors.toList())));
		assertThat(this.catalog.queues()).hasSize(30);
		assertThat(byTier.get(Tier.CRITICAL)).containsExactly("notification-delivery", "password-reset",
				"payment-processing");
		assertThat(byTier.get(Tier.HIGH)).containsExactlyInAnyOrder("scheduled-emails", "email-retry",
				"search-index-realtime", "notification-digest", "tax-document-generation", "high-priority");
		assertThat(byTier.get(Tier.NORMAL)).containsExactlyInAnyOrder("email-campaigns", "asset-processing",
				"analytics-events", "tax-form-processing", "message-delivery", "license-management",
				"payout-processing", "default");
		assertThat(byTier.get(Tier.LOW)).containsExactlyInAnyOrder("cache-maintenance", "search-index-bulk",
				"metrics-rollup", "scheduled-blog-publishing", "deliverability-monitoring", "royalty-calculation",
				"low-priority");
		assertThat(byTier.get(Tier.BACKGROUND)).containsExactlyInAnyOrder("session-cleanup", "token-cleanup",
				"asset-cleanup", "upload-cleanup", "search-reindex", "event-deduplication");
	}

	@Test
	void queuesAreListedInTierOrderThenByName() {
		assertThat(this.catalog.queues()).isSortedAccordingTo(
				java.util.Comparator.comparing(QueueDefinition::tier).thenComparing(QueueDefinition::name));
	}

	@Test
	void theBuiltInCatalogIsTheSameWithAndWithoutResolution() {
		assertThat(QueueCatalog.builtIn().queues()).isEqualTo(this.catalog.queues());
		assertThat(QueueCatalog.builtIn().rateLimits()).isEqualTo(this.catalog.rateLimits());
	}

	@Test
	void priorityFollowsTheTier() {
		assertThat(this.catalog.queues())
			.allSatisfy((queue) -> assertThat(queue.priority()).isEqualTo(queue.tier().priority()));
		assertThat(this.catalog.get("password-reset").priority()).isEqualTo(1);
		assertThat(this.catalog.get("search-reindex").priority()).isEqualTo(10);
	}

	@Test
	void theBriefsConcurrenciesAreTheDefaults() {
		assertThat(this.catalog.get("password-reset").concurrency()).isEqualTo(10);
		assertThat(this.catalog.get("search-index-realtime").concurrency()).isEqualTo(20);
		assertThat(this.catalog.get("scheduled-blog-publishing").concurrency()).isEqualTo(1);
		assertThat(this.catalog.get("asset-cleanup").concurrency()).isEqualTo(2);
	}

	@Test
	void maxWorkersIsTheTierMaxUnlessTheConcurrencyIsLarger() {
		assertThat(this.catalog.get("scheduled-emails").maxWorkers()).isEqualTo(15);
		assertThat(this.catalog.get("search-index-realtime").maxWorkers()).isEqualTo(20);
		assertThat(this.catalog.get("email-retry").maxWorkers()).isEqualTo(10);
		assertThat(this.catalog.get("password-reset").minWorkers()).isEqualTo(2);
		assertThat(this.catalog.get("password-reset").maxWorkers()).isEqualTo(20);
		assertThat(this.catalog.get("search-reindex").maxWorkers()).isEqualTo(3);
		assertThat(this.catalog.queues()).allSatisfy((queue) -> {
			assertThat(queue.minWorkers()).isBetween(1, queue.concurrency());
			assertThat(queue.maxWorkers()).isGreaterThan(queue.minWorkers())
				.isGreaterThanOrEqualTo(queue.concurrency())
				.isLessThanOrEqualTo(50);
		});
	}

	@Test
	void timeoutsAndMemoryBudgetsFollowTheBrief() {
		assertThat(this.catalog.get("notification-delivery").timeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.catalog.get("email-campaigns").timeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.catalog.get("tax-document-generation").timeout()).isEqualTo(Duration.ofSeconds(600));
		assertThat(this.catalog.get("search-reindex").timeout()).isEqualTo(Duration.ofSeconds(3600));
		assertThat(this.catalog.get("default").timeout()).isEqualTo(Duration.ofSeconds(300));
		assertThat(this.catalog.get("asset-processing").memoryBudgetMb()).isEqualTo(2048);
		assertThat(this.catalog.get("tax-document-generation").memoryBudgetMb()).isEqualTo(1024);
		assertThat(this.catalog.get("email-campaigns").memoryBudgetMb()).isEqualTo(1024);
		assertThat(this.catalog.get("default").memoryBudgetMb()).isEqualTo(512);
	}

	@Test
	void everyLimiterOfAQueueIsADefinedRateLimit() {
		assertThat(this.catalog.rateLimits()).extracting(RateLimitDefinition::name)
			.containsExactlyInAnyOrder("emailSending", "emailCampaign", "stripeApi", "resendApi", "databaseWrites",
					"searchIndexing", "assetProcessing", "taxGeneration");
		assertThat(this.catalog.queues()).flatExtracting(QueueDefinition::limiters)
			.allSatisfy((limiter) -> assertThat(this.catalog.findRateLimit(limiter)).isPresent());
		assertThat(this.catalog.get("email-campaigns").limiters()).containsExactly("emailCampaign", "emailSending");
		assertThat(this.catalog.get("payout-processing").limiters()).containsExactly("stripeApi");
	}

	@Test
	void theRateLimitsHaveTheBriefsWindows() {
		assertThat(this.catalog.findRateLimit("emailSending")).contains(new RateLimitDefinition("emailSending",
				RateLimitAlgorithm.SLIDING_WINDOW, null, 300L, 10_000L, 100_000L));
		assertThat(this.catalog.findRateLimit("stripeApi")).contains(
				new RateLimitDefinition("stripeApi", RateLimitAlgorithm.SLIDING_WINDOW, 100L, null, 100_000L, null));
	}

	@Test
	void retryPoliciesComeFromTheTier() {
		assertThat(this.catalog.get("password-reset").retryPolicy())
			.isEqualTo(new RetryPolicy(5, Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60))));
		assertThat(this.catalog.get("session-cleanup").retryPolicy())
			.isEqualTo(new RetryPolicy(2, Backoff.fixed(Duration.ofSeconds(60))));
	}

	@Test
	void anUnknownQueueIsNotFound() {
		assertThat(this.catalog.find("nope")).isEmpty();
		assertThatExceptionOfType(QueueNotFoundException.class).isThrownBy(() -> this.catalog.get("nope"))
			.satisfies((ex) -> assertThat(ex.queueName()).isEqualTo("nope"));
	}

	@Test
	void backoffDelaysGrowAsTheirTypeSays() {
		Backoff exponential = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(5));
		assertThat(List.of(1, 2, 3, 4)).map(exponential::delayBefore)
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
					Duration.ofSeconds(5));
		Backoff custom = Backoff.custom(List.of(Duration.ofSeconds(1), Duration.ofSeconds(30)));
		assertThat(List.of(1, 2, 3)).map(custom::delayBefore)
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30));
		assertThat(Backoff.fixed(Duration.ofSeconds(7)).delayBefore(9)).isEqualTo(Duration.ofSeconds(7));
	}

}
