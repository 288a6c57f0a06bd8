package dev.batchyard.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A clock that tests move: the monotonic nanoseconds and the wall clock together.
 */
public final class ManualTime extends Clock implements LongSupplier {

	private static final Instant START = Instant.parse("2025-01-31T12:00:00Z");

	private volatile long nanos;

	public void advance(Duration duration) {
		this.nanos += duration.toNanos();
	}

	public void advanceMillis(long millis) {
		advance(Duration.ofMillis(millis));
	}

	@Override
	public long getAsLong() {
		return this.nanos;
	}

	@Override
	public Instant instant() {
		return START.plusNanos(this.nanos);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
