package dev.batchyard.limits.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * TOKEN_BUCKET on one node: per window a bucket of capacity {@code limit}, refilled
 * continuously at {@code limit} tokens per window length, starting full. A permit takes
 * one token from every bucket, and needs at least one in each. Over any interval of
 * length {@code t} a window grants at most {@code limit + limit * t / length}.
 * Resilience4j refills all permits at once at the end of a period, which is a fixed
 * window, not a bucket: hence our own code.
 * <p>
 * A changed limit caps the tokens at the new capacity and refills at the new rate from
 * the next request; a raised limit does not add tokens at once.
 *
 * @author Batchyard
 */
final class TokenBucketLimiter implements LocalLimiter {

	private final Map<Period, Bucket> buckets = new EnumMap<>(Period.class);

	@Override
	public long check(List<WindowLimit> windows, long now) {
		long retry = 0;
		for (WindowLimit window : windows) {
			Bucket bucket = refilled(window, now);
			if (bucket.tokens < 1) {
				double nanos = (1 - bucket.tokens) * window.period().nanos() / window.limit();
				retry = Math.max(retry, Math.max(1, (long) Math.ceil(nanos)));
			}
		}
		return retry;
	}

	@Override
	public void take(List<WindowLimit> windows, long now) {
		for (WindowLimit window : windows) {
			refilled(window, now).tokens -= 1;
		}
	}

	@Override
	public List<Usage> usage(List<WindowLimit> windows, long now) {
		List<Usage> usage = new ArrayList<>();
		for (WindowLimit window : windows) {
			Bucket bucket = refilled(window, now);
			long remaining = (long) Math.floor(bucket.tokens);
			double toFull = (window.limit() - bucket.tokens) * window.period().nanos() / window.limit();
			usage.add(new Usage(window, window.limit() - remaining, now + (long) Math.ceil(toFull)));
		}
		return usage;
	}

	private Bucket refilled(WindowLimit window, long now) {
		Bucket bucket = this.buckets.computeIfAbsent(window.period(), (period) -> new Bucket(window.limit(), now));
		long elapsed = Math.max(0, now - bucket.last);
		double refill = (double) elapsed * window.limit() / window.period().nanos();
		bucket.tokens = Math.min(window.limit(), bucket.tokens + refill);
		bucket.last = Math.max(bucket.last, now);
		return bucket;
	}

	private static final class Bucket {

		double tokens;

		long last;

		Bucket(double tokens, long last) {
			this.tokens = tokens;
			this.last = last;
		}

	}

}
