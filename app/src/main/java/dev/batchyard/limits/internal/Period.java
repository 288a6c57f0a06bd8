package dev.batchyard.limits.internal;

import java.time.Duration;

/**
 * The length of a limiter window.
 *
 * @author Batchyard
 */
public enum Period {

	/** perSecond. */
	SECOND(Duration.ofSeconds(1), "perSecond"),

	/** perMinute. */
	MINUTE(Duration.ofMinutes(1), "perMinute"),

	/** perHour. */
	HOUR(Duration.ofHours(1), "perHour"),

	/** perDay. */
	DAY(Duration.ofDays(1), "perDay");

	private final Duration length;

	private final String field;

	Period(Duration length, String field) {
		this.length = length;
		this.field = field;
	}

	public Duration length() {
		return this.length;
	}

	public long nanos() {
		return this.length.toNanos();
	}

	public long millis() {
		return this.length.toMillis();
	}

	/**
	 * The name of the configuration field, for example {@code perSecond}.
	 * @return the field name
	 */
	public String field() {
		return this.field;
	}

}
