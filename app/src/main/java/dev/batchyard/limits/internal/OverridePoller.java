package dev.batchyard.limits.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * Reloads the rate limit overrides every refresh interval on a thread named
 * {@code batchyard-limits-refresh}, so an admin's change made on another node takes
 * effect here within that interval.
 *
 * @author Batchyard
 */
public final class OverridePoller implements SmartLifecycle {

	private final RateLimitConfigs configs;

	private final Duration interval;

	private volatile ScheduledExecutorService executor;

	public OverridePoller(RateLimitConfigs configs, Duration interval) {
		this.configs = configs;
		this.interval = interval;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("batchyard-limits-refresh").daemon(true).factory());
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this.configs::refresh, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
