package dev.batchyard.limits.internal;

import java.time.Duration;

/**
 * The adaptive timeout formula. Once a queue has at least {@link #MIN_SAMPLES} attempts
 * in the recent {@link #WINDOW} (all nodes together), its effective timeout is
 *
 * <pre>
 * effective = clamp(MULTIPLIER × P95, FLOOR, configured timeout)
 * </pre>
 *
 * with {@code MULTIPLIER} 3 and {@code FLOOR} 1 s (the smallest timeout one may
 * configure). Fewer samples, or adaptive disabled: the configured timeout. The configured
 * timeout stays the ceiling, so adaptation only ever shortens it: a fast queue catches a
 * hung job sooner, and when a dependency slows down the P95 (timed-out attempts count at
 * their timeout) rises and the timeout with it, up to the ceiling.
 *
 * @author Batchyard
 */
public final class AdaptiveTimeout {

	/** Attempts a queue needs in the window before its timeout adapts. */
	public static final int MIN_SAMPLES = 50;

	/** The effective timeout is this multiple of the recent P95. */
	public static final double MULTIPLIER = 3.0;

	/** The adaptive timeout never goes below this. */
	public static final Duration FLOOR = Duration.ofSeconds(1);

	/**
	 * The recent window the P95 is taken over: the last 15 whole minutes and the current
	 * one (histograms are kept per minute and node, see {@link ExecutionHistograms}).
	 */
	public static final Duration WINDOW = Duration.ofMinutes(15);

	private AdaptiveTimeout() {
	}

	/**
	 * The effective timeout.
	 * @param ceiling the configured timeout
	 * @param adaptive whether the queue's timeout adapts
	 * @param samples the attempts in the recent window
	 * @param p95Ms their 95th percentile in milliseconds
	 * @return the timeout a new attempt gets
	 */
	public static Duration effective(Duration ceiling, boolean adaptive, long samples, long p95Ms) {
		if (!adaptive || samples < MIN_SAMPLES) {
			return ceiling;
		}
		long target = (long) Math.ceil(MULTIPLIER * p95Ms);
		long clamped = Math.min(Math.max(target, FLOOR.toMillis()), ceiling.toMillis());
		return Duration.ofMillis(clamped);
	}

}
