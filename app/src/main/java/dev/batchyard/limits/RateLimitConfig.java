package dev.batchyard.limits;

import dev.batchyard.catalog.RateLimitAlgorithm;
import dev.batchyard.catalog.RateLimitDefinition;

/**
 * The effective configuration of a limiter: its catalog definition overlaid by the
 * persisted admin change, if any.
 *
 * @param limiterName the limiter's name, for example {@code emailSending}
 * @param algorithm how its windows count
 * @param perSecond permits per second, {@code null} for no such window
 * @param perMinute permits per minute, {@code null} for no such window
 * @param perHour permits per hour, {@code null} for no such window
 * @param perDay permits per day, {@code null} for no such window
 * @author Batchyard
 */
public record RateLimitConfig(String limiterName, RateLimitAlgorithm algorithm, Long perSecond, Long perMinute,
		Long perHour, Long perDay) {

	/**
	 * The configuration of a catalog definition as it is.
	 * @param definition the definition
	 * @return the configuration
	 */
	public static RateLimitConfig of(RateLimitDefinition definition) {
		return new RateLimitConfig(definition.name(), definition.algorithm(), definition.perSecond(),
				definition.perMinute(), definition.perHour(), definition.perDay());
	}

	/**
	 * This configuration with the non-null values of the input in place of its own.
	 * @param input the change
	 * @return the changed configuration
	 */
	public RateLimitConfig with(RateLimitInput input) {
		return new RateLimitConfig(this.limiterName, or(input.algorithm(), this.algorithm),
				or(input.perSecond(), this.perSecond), or(input.perMinute(), this.perMinute),
				or(input.perHour(), this.perHour), or(input.perDay(), this.perDay));
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
