package dev.batchyard.catalog;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The delay before a failed job is retried.
 *
 * @param type how the delay grows
 * @param delay the first delay (for {@link BackoffType#CUSTOM}: the first of
 * {@code delays})
 * @param maxDelay the cap (for {@link BackoffType#FIXED}: equal to {@code delay}; for
 * {@link BackoffType#CUSTOM}: the longest of {@code delays})
 * @param delays the explicit delays of a {@link BackoffType#CUSTOM} backoff, empty
 * otherwise
 * @author Batchyard
 */
public record Backoff(BackoffType type, Duration delay, Duration maxDelay, List<Duration> delays) {

	public Backoff {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(delay, "delay");
		Objects.requireNonNull(maxDelay, "maxDelay");
		delays = (delays != null) ? List.copyOf(delays) : List.of();
	}

	/**
	 * The same delay before every retry.
	 * @param delay the delay
	 * @return the backoff
	 */
	public static Backoff fixed(Duration delay) {
		return new Backoff(BackoffType.FIXED, delay, delay, List.of());
	}

	/**
	 * A delay that doubles on every retry, up to a cap.
	 * @param initial the delay before the first retry
	 * @param cap the longest delay
	 * @return the backoff
	 */
	public static Backoff exponential(Duration initial, Duration cap) {
		return new Backoff(BackoffType.EXPONENTIAL, initial, cap, List.of());
	}

	/**
	 * Explicit delays: the n-th retry waits {@code delays.get(n - 1)}; the last one
	 * repeats.
	 * @param delays the delays, at least one
	 * @return the backoff
	 */
	public static Backoff custom(List<Duration> delays) {
		if (delays == null || delays.isEmpty()) {
			throw new IllegalArgumentException("A custom backoff needs at least one delay");
		}
		return new Backoff(BackoffType.CUSTOM, delays.get(0), Collections.max(delays), delays);
	}

	/**
	 * The delay before the given retry.
	 * @param retry the retry, 1 for the first retry (after the first failed attempt)
	 * @return the delay
	 */
	public Duration delayBefore(int retry) {
		int n = Math.max(retry, 1);
		return switch (this.type) {
			case FIXED -> this.delay;
			case CUSTOM -> this.delays.get(Math.min(n, this.delays.size()) - 1);
			case EXPONENTIAL -> {
				Duration next = this.delay;
				for (int i = 1; i < n && next.compareTo(this.maxDelay) < 0; i++) {
					next = next.multipliedBy(2);
				}
				yield (next.compareTo(this.maxDelay) > 0) ? this.maxDelay : next;
			}
		};
	}

}
