package dev.batchyard.catalog;

import java.util.Objects;

/**
 * A named rate limit that queues share, for example {@code emailSending}. Each window is
 * independent; a permit needs room in all of them.
 *
 * @param name the name queues refer to in their {@code limiters}
 * @param algorithm how the windows count
 * @param perSecond permits per second, {@code null} for no such window
 * @param perMinute permits per minute, {@code null} for no such window
 * @param perHour permits per hour, {@code null} for no such window
 * @param perDay permits per day, {@code null} for no such window
 * @author Batchyard
 */
public record RateLimitDefinition(String name, RateLimitAlgorithm algorithm, Long perSecond, Long perMinute,
		Long perHour, Long perDay) {

	public RateLimitDefinition {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(algorithm, "algorithm");
	}

}
