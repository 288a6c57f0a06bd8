package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.MemoryAdmission;
import dev.batchyard.limits.RateLimitStatus;
import dev.batchyard.limits.RateLimits;

/**
 * Tells a dispatcher how long its queue's rate limiters stay closed, so that it does not
 * claim jobs that could not run. It only looks: permits are taken by the step decorator.
 * It also asks the node's memory admission how many of the queue's jobs may start.
 *
 * @author Batchyard
 */
class LimiterGate {

	private final QueueCatalog catalog;

	private final RateLimits rateLimits;

	private final Clock clock;

	private final MemoryAdmission memory;

	LimiterGate(QueueCatalog catalog, RateLimits rateLimits, Clock clock) {
		this(catalog, rateLimits, clock, MemoryAdmission.NONE);
	}

	LimiterGate(QueueCatalog catalog, RateLimits rateLimits, Clock clock, MemoryAdmission memory) {
		this.catalog = catalog;
		this.rateLimits = rateLimits;
		this.clock = clock;
		this.memory = memory;
	}

	/**
	 * How many of the queue's jobs memory lets start now; a failed look lets them all in
	 * (the queue must not stop on it).
	 */
	int admissible(String queueName) {
		try {
			return Math.max(this.memory.admissible(queueName), 0);
		}
		catch (RuntimeException ex) {
			return Integer.MAX_VALUE;
		}
	}

	/** Zero when every limiter of the queue has room; else how long until one may. */
	Duration closedFor(String queueName) {
		List<String> limiters = this.catalog.get(queueName).limiters();
		Instant now = this.clock.instant();
		Duration longest = Duration.ZERO;
		for (String limiter : limiters) {
			RateLimitStatus.Windows windows = this.rateLimits.status(limiter).windows();
			for (RateLimitStatus.Window window : Stream
				.of(windows.perSecond(), windows.perMinute(), windows.perHour(), windows.perDay())
				.filter((candidate) -> candidate != null && candidate.remaining() <= 0)
				.toList()) {
				Duration wait = Duration.between(now, window.resetAt());
				if (wait.compareTo(longest) > 0) {
					longest = wait;
				}
			}
		}
		return longest;
	}

}
