package dev.batchyard.limits.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import dev.batchyard.catalog.RateLimitAlgorithm;

/**
 * Counts permits on this node only. Used when Redis is not configured (with the full
 * limits) and as the fallback while Redis is unreachable (with each node's share:
 * {@code limit / nodes}, at least 1).
 * <p>
 * A request for several limiters locks them in name order, checks every window of every
 * limiter, and takes from all or none, so a denied request consumes nothing. A limiter
 * whose algorithm changes starts over with empty counts.
 *
 * @author Batchyard
 */
public final class LocalLimiting implements Limiting {

	private final LongSupplier nanoTime;

	private final Clock clock;

	private final IntSupplier nodes;

	private final Map<String, Holder> limiters = new ConcurrentHashMap<>();

	/**
	 * Node-local limiting.
	 * @param nanoTime the monotonic clock ({@code System::nanoTime}; tests move it)
	 * @param clock the wall clock, for the reset times of the status
	 * @param nodes the number of nodes sharing each limit (1: the full limit)
	 */
	public LocalLimiting(LongSupplier nanoTime, Clock clock, int nodes) {
		this(nanoTime, clock, () -> nodes);
	}

	/**
	 * Node-local limiting with a share that follows the number of live nodes.
	 * @param nanoTime the monotonic clock ({@code System::nanoTime}; tests move it)
	 * @param clock the wall clock, for the reset times of the status
	 * @param nodes the number of nodes sharing each limit now (at least 1)
	 */
	public LocalLimiting(LongSupplier nanoTime, Clock clock, IntSupplier nodes) {
		this.nanoTime = nanoTime;
		this.clock = clock;
		this.nodes = nodes;
	}

	private int nodes() {
		return Math.max(1, this.nodes.getAsInt());
	}

	@Override
	public Decision tryAcquire(List<LimiterRequest> requests) {
		List<LimiterRequest> ordered = requests.stream()
			.map((request) -> request.share(nodes()))
			.sorted(Comparator.comparing(LimiterRequest::name))
			.toList();
		List<Holder> holders = ordered.stream().map(this::holder).toList();
		List<ReentrantLock> locked = new ArrayList<>();
		try {
			for (Holder holder : holders) {
				if (!locked.contains(holder.lock)) {
					holder.lock.lock();
					locked.add(holder.lock);
				}
			}
			long now = this.nanoTime.getAsLong();
			long retry = 0;
			for (int i = 0; i < ordered.size(); i++) {
				retry = Math.max(retry, holders.get(i).limiter.check(ordered.get(i).windows(), now));
			}
			if (retry > 0) {
				return Decision.denied(Duration.ofNanos(retry));
			}
			for (int i = 0; i < ordered.size(); i++) {
				holders.get(i).limiter.take(ordered.get(i).windows(), now);
			}
			return Decision.GRANTED;
		}
		finally {
			locked.forEach(ReentrantLock::unlock);
		}
	}

	@Override
	public List<WindowUsage> usage(LimiterRequest request) {
		LimiterRequest shared = request.share(nodes());
		Holder holder = holder(shared);
		holder.lock.lock();
		try {
			long now = this.nanoTime.getAsLong();
			Instant wallNow = this.clock.instant();
			return holder.limiter.usage(shared.windows(), now)
				.stream()
				.map((usage) -> new WindowUsage(usage.window(), usage.current(),
						wallNow.plusNanos(Math.max(0, usage.resetAtNanos() - now))))
				.toList();
		}
		finally {
			holder.lock.unlock();
		}
	}

	@Override
	public boolean distributed() {
		return false;
	}

	private Holder holder(LimiterRequest request) {
		return this.limiters.compute(request.name(), (name, existing) -> {
			if (existing != null && existing.algorithm == request.algorithm()) {
				return existing;
			}
			return new Holder(request.algorithm(), create(name, request.algorithm()), new ReentrantLock());
		});
	}

	private LocalLimiter create(String name, RateLimitAlgorithm algorithm) {
		return switch (algorithm) {
			case FIXED_WINDOW -> new FixedWindowLimiter(name, this.nanoTime);
			case SLIDING_WINDOW -> new SlidingLogLimiter();
			case TOKEN_BUCKET -> new TokenBucketLimiter();
		};
	}

	private record Holder(RateLimitAlgorithm algorithm, LocalLimiter limiter, ReentrantLock lock) {

	}

}
