package dev.batchyard.limits.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis limiting that falls back to node-local limiting while Redis is unreachable, so
 * jobs keep running: no exception of Redis's escapes. On the first failure it logs one
 * warning, counts one activation in {@code batchyard.ratelimit.fallback.activations} and
 * sets the gauge {@code batchyard.ratelimit.fallback} to 1; from then on requests are
 * counted locally, with each node taking its share of every limit, and at most one
 * request per probe interval tries Redis again. When Redis answers, it logs once and the
 * gauge returns to 0; Redis's counts (kept while it was away, if it kept its data) apply
 * again, and the local counts stay where they were for a later outage in the same windows
 * (which only makes that node more cautious).
 *
 * @author Batchyard
 */
public final class FallbackLimiting implements Limiting {

	private static final Logger logger = LoggerFactory.getLogger(FallbackLimiting.class);

	private final Limiting redis;

	private final Limiting local;

	private final long probeNanos;

	private final LongSupplier nanoTime;

	private final AtomicBoolean fallingBack = new AtomicBoolean();

	private final AtomicLong nextProbe = new AtomicLong();

	private final Counter activations;

	/**
	 * Redis limiting with a node-local fallback.
	 * @param redis the Redis limiting
	 * @param local the node-local limiting with each node's share of the limits
	 * @param probeInterval how often to try Redis while falling back
	 * @param nanoTime the monotonic clock
	 * @param registry where the fallback metrics go
	 */
	public FallbackLimiting(Limiting redis, Limiting local, Duration probeInterval, LongSupplier nanoTime,
			MeterRegistry registry) {
		this.redis = redis;
		this.local = local;
		this.probeNanos = probeInterval.toNanos();
		this.nanoTime = nanoTime;
		this.activations = Counter.builder("batchyard.ratelimit.fallback.activations")
			.description("Times rate limiting fell back to node-local limits because Redis was unreachable")
			.register(registry);
		Gauge.builder("batchyard.ratelimit.fallback", this.fallingBack, (flag) -> flag.get() ? 1 : 0)
			.description("1 while rate limits are node-local because Redis is unreachable, else 0")
			.register(registry);
	}

	@Override
	public Decision tryAcquire(List<LimiterRequest> requests) {
		return call(() -> this.redis.tryAcquire(requests), () -> this.local.tryAcquire(requests));
	}

	@Override
	public List<WindowUsage> usage(LimiterRequest request) {
		return call(() -> this.redis.usage(request), () -> this.local.usage(request));
	}

	@Override
	public boolean distributed() {
		return !this.fallingBack.get();
	}

	private <T> T call(Supplier<T> remote, Supplier<T> local) {
		if (this.fallingBack.get() && !probeDue()) {
			return local.get();
		}
		T result;
		try {
			result = remote.get();
		}
		catch (RuntimeException ex) {
			failed(ex);
			return local.get();
		}
		if (this.fallingBack.compareAndSet(true, false)) {
			logger.info("Redis answers again: rate limits are shared through Redis again");
		}
		return result;
	}

	/** Whether this caller is the one that tries Redis now. */
	private boolean probeDue() {
		long now = this.nanoTime.getAsLong();
		long due = this.nextProbe.get();
		return now - due >= 0 && this.nextProbe.compareAndSet(due, now + this.probeNanos);
	}

	private void failed(RuntimeException ex) {
		this.nextProbe.set(this.nanoTime.getAsLong() + this.probeNanos);
		if (this.fallingBack.compareAndSet(false, true)) {
			this.activations.increment();
			logger.warn(
					"Redis is unreachable ({}): rate limits are node-local, each node allowing its share of "
							+ "every limit, until Redis answers again (tried every {} ms)",
					ex.toString(), this.probeNanos / 1_000_000);
		}
		else {
			logger.debug("Redis is still unreachable", ex);
		}
	}

}
