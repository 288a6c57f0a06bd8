package dev.batchyard.limits.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * FIXED_WINDOW on one node: one Resilience4j {@link AtomicRateLimiter} per window, whose
 * refresh period is the window length and whose limit for period is the window's limit.
 * Where it differs from the Redis fixed window:
 * <ul>
 * <li>Resilience4j's periods start when the limiter is created on this node, not on the
 * epoch's second, minute, hour or day as Redis's do.</li>
 * <li>A changed limit applies from the next period (Resilience4j's
 * {@code changeLimitForPeriod}); through Redis it applies from the next request.</li>
 * <li>Limits above {@link Integer#MAX_VALUE} are capped there (Resilience4j counts in
 * {@code int}).</li>
 * </ul>
 *
 * @author Batchyard
 */
final class FixedWindowLimiter implements LocalLimiter {

	private final String name;

	private final LongSupplier nanoTime;

	private final Map<Period, Window> windows = new EnumMap<>(Period.class);

	FixedWindowLimiter(String name, LongSupplier nanoTime) {
		this.name = name;
		this.nanoTime = nanoTime;
	}

	@Override
	public long check(List<WindowLimit> limits, long now) {
		long retry = 0;
		for (WindowLimit limit : limits) {
			Window window = window(limit, now);
			if (window.limiter.getMetrics().getAvailablePermissions() < 1) {
				retry = Math.max(retry, Math.max(1, window.cycleEnd(now) - now));
			}
		}
		return retry;
	}

	@Override
	public void take(List<WindowLimit> limits, long now) {
		for (WindowLimit limit : limits) {
			if (!window(limit, now).limiter.acquirePermission()) {
				throw new IllegalStateException("Permit of " + this.name + " taken without a check");
			}
		}
	}

	@Override
	public List<Usage> usage(List<WindowLimit> limits, long now) {
		List<Usage> usage = new ArrayList<>();
		for (WindowLimit limit : limits) {
			Window window = window(limit, now);
			int limitForPeriod = window.limiter.getRateLimiterConfig().getLimitForPeriod();
			long available = window.limiter.getMetrics().getAvailablePermissions();
			usage.add(new Usage(limit, Math.max(0, limitForPeriod - available), window.cycleEnd(now)));
		}
		return usage;
	}

	private Window window(WindowLimit limit, long now) {
		int limitForPeriod = (int) Math.min(Integer.MAX_VALUE, limit.limit());
		Window window = this.windows.get(limit.period());
		if (window == null) {
			RateLimiterConfig config = RateLimiterConfig.custom()
				.limitRefreshPeriod(limit.period().length())
				.limitForPeriod(limitForPeriod)
				.timeoutDuration(java.time.Duration.ZERO)
				.build();
			long start = this.nanoTime.getAsLong();
			window = new Window(new AtomicRateLimiter(this.name + "-" + limit.period().field(), config,
					() -> this.nanoTime.getAsLong()), start, limit.period().nanos());
			this.windows.put(limit.period(), window);
		}
		else if (window.limiter.getRateLimiterConfig().getLimitForPeriod() != limitForPeriod) {
			window.limiter.changeLimitForPeriod(limitForPeriod);
		}
		return window;
	}

	private record Window(AtomicRateLimiter limiter, long start, long length) {

		long cycleEnd(long now) {
			long cycles = Math.max(0, now - this.start) / this.length;
			return this.start + (cycles + 1) * this.length;
		}

	}

}
