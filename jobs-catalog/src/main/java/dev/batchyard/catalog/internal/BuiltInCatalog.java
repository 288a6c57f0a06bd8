package dev.batchyard.catalog.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.catalog.AlertThresholds;
import dev.batchyard.catalog.Backoff;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.catalog.RateLimitAlgorithm;
import dev.batchyard.catalog.RateLimitDefinition;
import dev.batchyard.catalog.RetryPolicy;
import dev.batchyard.catalog.Tier;

import static dev.batchyard.catalog.Tier.BACKGROUND;
import static dev.batchyard.catalog.Tier.CRITICAL;
import static dev.batchyard.catalog.Tier.HIGH;
import static dev.batchyard.catalog.Tier.LOW;
import static dev.batchyard.catalog.Tier.NORMAL;

/**
 * The built-in catalog of the product brief (the README's "Queues" section).
 * <p>
 * A queue takes from its tier what it does not set itself:
 * <ul>
 * <li>pool bounds: CRITICAL 2..20, HIGH 1..10, NORMAL 1..10, LOW 1..5, BACKGROUND 1..3. A
 * queue's maxWorkers is {@code max(tier max, its concurrency)}: a pool can always run its
 * default concurrency, so scheduled-emails (15) and search-index-realtime (20) get a max
 * of 15 and 20 although HIGH's is 10. The same rule applies when the concurrency is
 * overridden and no maxWorkers is configured.</li>
 * <li>timeouts: CRITICAL 30 s, HIGH 60 s, NORMAL 300 s, LOW 600 s, BACKGROUND 1800 s,
 * unless the brief names one (notification 30 s, email 60 s, pdf generation 600 s, full
 * reindex 3600 s).</li>
 * <li>memory: the worker soft limit, 512 MB, unless the brief names a job budget
 * (asset-processing 2048, pdf generation 1024, full reindex 2048, bulk email campaign
 * 1024).</li>
 * <li>retries: CRITICAL 5 attempts, exponential from 1 s capped at 60 s (fast, the user
 * is waiting); HIGH 5, exponential 5 s to 5 min; NORMAL 3, exponential 10 s to 10 min;
 * LOW 3, exponential 30 s to 30 min; BACKGROUND 2, fixed 60 s (the next run will catch up
 * anyway).</li>
 * </ul>
 *
 * @author Batchyard
 */
public final class BuiltInCatalog {

	/** The worker soft memory limit, the budget of a queue that names none. */
	public static final int DEFAULT_MEMORY_BUDGET_MB = 512;

	/** What a queue inherits from its tier. */
	record TierDefaults(int minWorkers, int maxWorkers, Duration timeout, RetryPolicy retryPolicy) {
	}

	/** One line of the table: {@code null} timeout or memory means "the tier's". */
	record BuiltInQueue(String name, Tier tier, int concurrency, Duration timeout, Integer memoryBudgetMb,
			List<String> limiters) {
	}

	private static final Map<Tier, TierDefaults> TIERS = new EnumMap<>(Map.of(
	// @formatter:off
		CRITICAL, new TierDefaults(2, 20, s(30), new RetryPolicy(5, Backoff.exponential(s(1), s(60)))),
		HIGH, new TierDefaults(1, 10, s(60), new RetryPolicy(5, Backoff.exponential(s(5), s(300)))),
		NORMAL, new TierDefaults(1, 10, s(300), new RetryPolicy(3, Backoff.exponential(s(10), s(600)))),
		LOW, new TierDefaults(1, 5, s(600), new RetryPolicy(3, Backoff.exponential(s(30), s(1800)))),
		BACKGROUND, new TierDefaults(1, 3, s(1800), new RetryPolicy(2, Backoff.fixed(s(60))))));
	// @formatter:on

	private static final String EMAIL_SENDING = "emailSending";

	private static final String EMAIL_CAMPAIGN = "emailCampaign";

	private static final String STRIPE_API = "stripeApi";

	private static final String RESEND_API = "resendApi";

	private static final String DATABASE_WRITES = "databaseWrites";

	private static final String SEARCH_INDEXING = "searchIndexing";

	private static final String ASSET_PROCESSING = "assetProcessing";

	private static final String TAX_GENERATION = "taxGeneration";

	private static final List<BuiltInQueue> QUEUES = List.of(
	// @formatter:off
		//  name                         tier        conc  timeout  memory  limiters
		q("password-reset",             CRITICAL,   10,   s(60),   null,   EMAIL_SENDING),
		q("payment-processing",         CRITICAL,   5,    null,    null,   STRIPE_API),
		q("notification-delivery",      CRITICAL,   10,   s(30),   null,   RESEND_API),
		q("scheduled-emails",           HIGH,       15,   s(60),   null,   EMAIL_SENDING),
		q("email-retry",                HIGH,       8,    s(60),   null,   EMAIL_SENDING),
		q("search-index-realtime",      HIGH,       20,   null,    null,   SEARCH_INDEXING),
		q("notification-digest",        HIGH,       5,    s(30),   null),
		q("tax-document-generation",    HIGH,       5,    s(600),  1024,   TAX_GENERATION),
		q("high-priority",              HIGH,       5,    null,    null),
		q("email-campaigns",            NORMAL,     10,   s(60),   1024,   EMAIL_CAMPAIGN, EMAIL_SENDING),
		q("asset-processing",           NORMAL,     8,    null,    2048,   ASSET_PROCESSING),
		q("analytics-events",           NORMAL,     5,    null,    null,   DATABASE_WRITES),
		q("tax-form-processing",        NORMAL,     3,    null,    null,   TAX_GENERATION),
		q("message-delivery",           NORMAL,     8,    null,    null,   RESEND_API),
		q("license-management",         NORMAL,     3,    null,    null),
		q("payout-processing",          NORMAL,     3,    null,    null,   STRIPE_API),
		q("default",                    NORMAL,     5,    null,    null),
		q("cache-maintenance",          LOW,        2,    null,    null),
		q("search-index-bulk",          LOW,        5,    null,    null,   SEARCH_INDEXING),
		q("metrics-rollup",             LOW,        2,    null,    null,   DATABASE_WRITES),
		q("scheduled-blog-publishing",  LOW,        1,    null,    null),
		q("deliverability-monitoring",  LOW,        1,    null,    null),
		q("royalty-calculation",        LOW,        5,    null,    null),
		q("low-priority",               LOW,        5,    null,    null),
		q("session-cleanup",            BACKGROUND, 1,    null,    null),
		q("token-cleanup",              BACKGROUND, 1,    null,    null),
		q("asset-cleanup",              BACKGROUND, 2,    null,    null),
		q("upload-cleanup",             BACKGROUND, 2,    null,    null),
		q("search-reindex",             BACKGROUND, 1,    s(3600), 2048,   SEARCH_INDEXING),
		q("event-deduplication",        BACKGROUND, 1,    null,    null,   DATABASE_WRITES));
	// @formatter:on

	private static final List<RateLimitDefinition> RATE_LIMITS = List.of(
	// @formatter:off
		//        name              per second  per minute  per hour  per day
		limit(EMAIL_SENDING,      null,       300L,       10_000L,  100_000L),
		limit(EMAIL_CAMPAIGN,     null,       100L,       5_000L,   null),
		limit(STRIPE_API,         100L,       null,       100_000L, null),
		limit(RESEND_API,         10L,        null,       3_000L,   null),
		limit(DATABASE_WRITES,    100L,       5_000L,     null,     null),
		limit(SEARCH_INDEXING,    50L,        2_000L,     null,     null),
		limit(ASSET_PROCESSING,   null,       20L,        1_000L,   null),
		limit(TAX_GENERATION,     null,       10L,        500L,     null));
	// @formatter:on

	private BuiltInCatalog() {
	}

	/**
	 * The built-in queues, no overrides applied.
	 * @return the 30 queues, in table order
	 */
	public static List<QueueDefinition> queues() {
		List<QueueDefinition> queues = new ArrayList<>();
		for (BuiltInQueue queue : QUEUES) {
			TierDefaults tier = tier(queue.tier());
			queues.add(new QueueDefinition(queue.name(), queue.tier(), queue.concurrency(), tier.minWorkers(),
					maxWorkers(tier.maxWorkers(), queue.concurrency()),
					(queue.timeout() != null) ? queue.timeout() : tier.timeout(),
					(queue.memoryBudgetMb() != null) ? queue.memoryBudgetMb() : DEFAULT_MEMORY_BUDGET_MB,
					queue.limiters(), tier.retryPolicy(), AlertThresholds.NONE));
		}
		return List.copyOf(queues);
	}

	/**
	 * The built-in rate limits, no overrides applied.
	 * @return the 8 rate limits of the brief
	 */
	public static List<RateLimitDefinition> rateLimits() {
		return RATE_LIMITS;
	}

	/**
	 * The rule for a maxWorkers nobody configured: the tier's max, or the concurrency
	 * when that is larger.
	 * @param tierMax the tier's max
	 * @param concurrency the queue's concurrency
	 * @return the max workers
	 */
	static int maxWorkers(int tierMax, int concurrency) {
		return Math.max(tierMax, concurrency);
	}

	static TierDefaults tier(Tier tier) {
		return TIERS.get(tier);
	}

	static List<BuiltInQueue> builtInQueues() {
		return QUEUES;
	}

	private static BuiltInQueue q(String name, Tier tier, int concurrency, Duration timeout, Integer memoryBudgetMb,
			String... limiters) {
		return new BuiltInQueue(name, tier, concurrency, timeout, memoryBudgetMb, List.of(limiters));
	}

	private static RateLimitDefinition limit(String name, Long perSecond, Long perMinute, Long perHour, Long perDay) {
		return new RateLimitDefinition(name, RateLimitAlgorithm.SLIDING_WINDOW, perSecond, perMinute, perHour, perDay);
	}

	private static Duration s(long seconds) {
		return Duration.ofSeconds(seconds);
	}

}
