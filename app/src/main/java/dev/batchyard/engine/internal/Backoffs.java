package dev.batchyard.engine.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.catalog.BackoffType;

/**
 * Stores a {@link Backoff} in the job row's backoff columns and reads it back.
 *
 * @author Batchyard
 */
final class Backoffs {

	private Backoffs() {
	}

	static Long delayMs(Backoff backoff) {
		return (backoff.delay() != null) ? backoff.delay().toMillis() : null;
	}

	static Long maxDelayMs(Backoff backoff) {
		return (backoff.maxDelay() != null) ? backoff.maxDelay().toMillis() : null;
	}

	static String delaysMs(Backoff backoff) {
		if (backoff.type() != BackoffType.CUSTOM) {
			return null;
		}
		return backoff.delays()
			.stream()
			.map((delay) -> String.valueOf(delay.toMillis()))
			.collect(Collectors.joining(","));
	}

	/** A job enqueued before jitter was kept (a null) has the default of its type. */
	static Backoff read(String type, Long delayMs, Long maxDelayMs, String delaysMs, Double jitter) {
		Backoff backoff = read(type, delayMs, maxDelayMs, delaysMs);
		return (jitter != null) ? backoff.withJitter(jitter) : backoff;
	}

	private static Backoff read(String type, Long delayMs, Long maxDelayMs, String delaysMs) {
		return switch (BackoffType.valueOf(type)) {
			case FIXED -> Backoff.fixed(Duration.ofMillis(orZero(delayMs)));
			case EXPONENTIAL -> Backoff.exponential(Duration.ofMillis(orZero(delayMs)),
					Duration.ofMillis((maxDelayMs != null) ? maxDelayMs : orZero(delayMs)));
			case CUSTOM -> Backoff.custom(parse(delaysMs));
		};
	}

	private static List<Duration> parse(String delaysMs) {
		if (delaysMs == null || delaysMs.isBlank()) {
			return List.of(Duration.ZERO);
		}
		return Arrays.stream(delaysMs.split(",")).map((ms) -> Duration.ofMillis(Long.parseLong(ms.strip()))).toList();
	}

	private static long orZero(Long value) {
		return (value != null) ? value : 0;
	}

}
