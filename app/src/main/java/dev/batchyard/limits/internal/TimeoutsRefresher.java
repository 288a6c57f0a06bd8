package dev.batchyard.limits.internal;

import java.time.Duration;

import dev.batchyard.node.NodeLoop.Task;
import dev.batchyard.node.NodeLoop;

import org.springframework.context.SmartLifecycle;

/**
 * Every refresh interval, on a thread named {@code batchyard-timeouts-refresh}: writes
 * this node's execution histograms and reloads the timeout overrides and every node's
 * recent histograms (so an admin's change and the adaptive timeout reach every node
 * within that interval); once a minute, deletes histogram rows past the window. Refreshes
 * once before the loop starts, so the first jobs see the overrides, and once after it
 * stops, so the last histograms are written.
 *
 * @author Batchyard
 */
public final class TimeoutsRefresher implements SmartLifecycle {

	private final TimeoutSettings settings;

	private final NodeLoop loop;

	public TimeoutsRefresher(TimeoutSettings settings, ExecutionHistograms histograms, Duration interval) {
		this.settings = settings;
		this.loop = new NodeLoop("batchyard-timeouts-refresh",
				Task.every(interval, "refresh the timeouts", settings::refresh),
				Task.every(Duration.ofMinutes(1), "delete old execution histograms", histograms::purge));
	}

	@Override
	public void start() {
		this.settings.refresh();
		this.loop.start();
	}

	@Override
	public void stop() {
		if (this.loop.isRunning()) {
			this.loop.stop();
			this.settings.refresh();
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

}
