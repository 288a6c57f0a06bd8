package dev.batchyard.limits.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * Every refresh interval, on a thread named {@code batchyard-timeouts-refresh}: writes
 * this node's execution histograms and reloads the timeout overrides and every node's
 * recent histograms (so an admin's change and the adaptive timeout reach every node
 * within that interval); once a minute, deletes histogram rows past the window. On stop,
 * writes the histograms a last time.
 *
 * @author Batchyard
 */
public final class TimeoutsRefresher implements SmartLifecycle {

	private final TimeoutSettings settings;

	private final ExecutionHistograms histograms;

	private final Duration interval;

	private volatile ScheduledExecutorService executor;

	public TimeoutsRefresher(TimeoutSettings settings, ExecutionHistograms histograms, Duration interval) {
		this.settings = settings;
		this.histograms = histograms;
		this.interval = interval;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("batchyard-timeouts-refresh").daemon(true).factory());
		this.settings.refresh();
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this.settings::refresh, millis, millis, TimeUnit.MILLISECONDS);
		executor.scheduleWithFixedDelay(this::purge, 1, 1, TimeUnit.MINUTES);
		this.executor = executor;
	}

	private void purge() {
		try {
			this.histograms.purge();
		}
		catch (RuntimeException ex) {
			// the next purge deletes them
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdownNow();
			this.settings.refresh();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
