package dev.batchyard.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Overrides of the built-in queue catalog. For each field of a queue the first value set
 * wins, in this order: {@code queues.<name>}, {@code tiers.<tier>}, {@code defaults}, the
 * built-in value of the queue, the built-in value of its tier. A {@code queues.<name>}
 * entry for a name that is not built in adds a queue; it must then set {@code tier}.
 * Every value is validated at startup.
 *
 * @param defaults overrides for every queue
 * @param tiers overrides for the queues of one tier, keyed by tier name
 * ({@code critical}, {@code high}, {@code normal}, {@code low}, {@code background})
 * @param queues overrides for one queue, or new queues, keyed by queue name
 * @param rateLimits overrides for a built-in rate limit, or new rate limits, keyed by
 * name ({@code emailSending} or {@code email-sending})
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.catalog")
public record CatalogProperties(QueueOverrides defaults, Map<String, QueueOverrides> tiers,
		Map<String, QueueOverrides> queues, Map<String, RateLimitOverrides> rateLimits) {

	public CatalogProperties {
		defaults = (defaults != null) ? defaults : QueueOverrides.NONE;
		tiers = (tiers != null) ? Map.copyOf(tiers) : Map.of();
		queues = (queues != null) ? Map.copyOf(queues) : Map.of();
		rateLimits = (rateLimits != null) ? Map.copyOf(rateLimits) : Map.of();
	}

	/**
	 * No overrides at all: the built-in catalog.
	 * @return empty properties
	 */
	public static CatalogProperties none() {
		return new CatalogProperties(null, null, null, null);
	}

	/**
	 * Overrides of a queue's fields; {@code null} means "not set here".
	 *
	 * @param tier the tier name, case-insensitive; only under {@code queues.<name>}
	 * @param concurrency the default worker count
	 * @param minWorkers the smallest pool, at least 1
	 * @param maxWorkers the largest pool, more than {@code minWorkers}, at most 50
	 * @param timeout the hard timeout of one attempt, 1 s to 2 h
	 * @param memoryBudgetMb the memory one job may use, at least 1
	 * @param limiters the rate limits every step takes a permit from (replaces the list)
	 * @param maxAttempts attempts including the first, at least 1
	 * @param backoff the delay before a retry
	 * @param alerts the queue's own alert thresholds ({@code alerts.queue-depth.warning},
	 * ...); monitoring's per-queue configuration still beats them
	 */
	public record QueueOverrides(String tier, Integer concurrency, Integer minWorkers, Integer maxWorkers,
			Duration timeout, Integer memoryBudgetMb, List<String> limiters, Integer maxAttempts,
			BackoffOverrides backoff, AlertThresholds alerts) {

		static final QueueOverrides NONE = new QueueOverrides(null, null, null, null, null, null, null, null, null,
				null);

		public QueueOverrides {
			backoff = (backoff != null) ? backoff : BackoffOverrides.NONE;
			alerts = (alerts != null) ? alerts : AlertThresholds.NONE;
		}

	}

	/**
	 * Overrides of a backoff; {@code null} means "not set here".
	 *
	 * @param type {@code fixed}, {@code exponential} or {@code custom}
	 * @param delay the (first) delay, at least 0
	 * @param maxDelay the cap of an exponential backoff
	 * @param delays the delays of a custom backoff
	 */
	public record BackoffOverrides(String type, Duration delay, Duration maxDelay, List<Duration> delays) {

		static final BackoffOverrides NONE = new BackoffOverrides(null, null, null, null);

	}

	/**
	 * Overrides of a rate limit; {@code null} means "keep the built-in value" (or, for a
	 * new rate limit, "no such window").
	 *
	 * @param algorithm {@code sliding-window}, {@code token-bucket} or
	 * {@code fixed-window}
	 * @param perSecond permits per second, at least 1
	 * @param perMinute permits per minute, at least 1
	 * @param perHour permits per hour, at least 1
	 * @param perDay permits per day, at least 1
	 */
	public record RateLimitOverrides(String algorithm, Long perSecond, Long perMinute, Long perHour, Long perDay) {

	}

}
