package dev.batchyard.schedule.internal;

import java.time.Instant;

import dev.batchyard.schedule.OverlapPolicy;

/**
 * A {@code schedule_meta} row.
 *
 * @param priority the priority given, or null for the queue's tier
 * @param lastFiredFor the tick of the last firing that enqueued, so that a second firing
 * for the same tick (Quartz recovering a firing a dead node had started) enqueues nothing
 * @param overlapPolicy what a tick does while {@code lastJobId} is unfinished
 * @param lastJobId the job the last firing enqueued, or null
 * @param pendingRun whether a run waits for {@code lastJobId} to finish
 * ({@link dev.batchyard.schedule.OverlapPolicy#BUFFER_ONE})
 * @author Batchyard
 */
record ScheduleRow(String name, String type, String queueName, String cron, String timezone, String payload,
		String description, Integer priority, boolean enabled, Instant lastRunAt, Instant nextRunAt, long runCount,
		Instant lastFiredFor, OverlapPolicy overlapPolicy, Long lastJobId, boolean pendingRun) {

}
