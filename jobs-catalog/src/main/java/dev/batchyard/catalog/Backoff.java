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
 * @param jitter the fraction, 0 to 1, by which each delay varies at random either way
 * (0.1: 9 to 11 s for 10 s), so that the jobs a failed dependency failed together do not
 * all retry at the same instant; {@link #DEFAULT_EXPONENTIAL_JITTER} for an exponential
 * backoff unless given, 0 for the others
 * @author Batchyard
 */
public record Backoff(BackoffType type, Duration delay, Duration maxDelay, List<Duration> delays, double jitter) {

	/** The jitter of an exponential backoff that does not give one. */
	public static final double DEFAULT_EXPONENTIAL_JITTER = 0.1;

	public Backoff {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(delay, "delay");
		Objects.requireNonNull(maxDelay, "maxDelay");
		delays = (delays != null) ? List.copyOf(delays) : List.of();
	}

	/**
	 * A backoff with the default jitter of its type.
	 * @param type how the delay grows
	 * @param delay the first delay
	 * @param maxDelay the cap
	 * @param delays the explicit delays of a custom backoff
	 */
	public Backoff(BackoffType type, Duration delay, Duration maxDelay, List<Duration> delays) {
		this(type, delay, maxDelay, delays, defaultJitter(type));
	}

	/**
	 * The jitter a backoff of the given type has unless one is given.
	 * @param type the type
	 * @return 0.1 for an exponential backoff, 0 for the others
	 */
	public static double defaultJitter(BackoffType type) {
		return (type == BackoffType.EXPONENTIAL) ? DEFAULT_EXPONENTIAL_JITTER : 0;
	}

	/**
	 * This backoff with another jitter.
	 * @param jitter the fraction, 0 to 1, by which each delay varies either way
	 * @return the backoff
	 */
	public Backoff withJitter(double jitter) {
		return new Backoff(this.type, this.delay, this.maxDelay, this.delays, jitter);
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
	 * The delay before the given retry, varied by the jitter.
	 * @param retry the retry, 1 for the first retry (after the first failed attempt)
	 * @param random a number from 0 (inclusive) to 1 (exclusive), such as
	 * {@code ThreadLocalRandom.current().nextDouble()}: 0 gives the shortest delay the
	 * jitter allows, 0.5 the delay itself, just under 1 the longest
	 * @return the delay
	 */
	public Duration delayBefore(int retry, double random) {
		Duration base = delayBefore(retry);
		if (this.jitter <= 0) {
			return base;
		}
		double factor = 1 + this.jitter * (2 * random - 1);
		return Duration.ofMillis(Math.round(base.toMillis() * factor));
	}

	/**
	 * The delay before the given retry, without jitter.
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
