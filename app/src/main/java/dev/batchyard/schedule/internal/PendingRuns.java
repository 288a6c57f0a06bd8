package dev.batchyard.schedule.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the pending runs of {@link dev.batchyard.schedule.OverlapPolicy#BUFFER_ONE}
 * schedules once the job they wait for has finished. Every node looks, every interval:
 * the job may finish on any node, or its node may die, and a look is one query on the
 * small {@code schedule_meta} table. Two nodes looking at once take turns on the
 * schedule's row lock, and the second finds the run started.
 *
 * @author Batchyard
 */
class PendingRuns implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PendingRuns.class);

	private final ScheduleService schedules;

	private final ScheduledExecutorService timer;

	PendingRuns(ScheduleService schedules, String nodeId, Duration interval) {
		this.schedules = schedules;
		this.timer = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("schedule-pending-runs@" + nodeId).daemon(true).factory());
		this.timer.scheduleWithFixedDelay(this::look, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Survives any failure: the next look comes one interval later. */
	private void look() {
		try {
			this.schedules.startPendingRuns();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not start the pending runs of schedules; next look in a moment: {}", ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
