package dev.batchyard.schedule;

import java.time.Instant;

/**
 * Published on the node whose Quartz fired a schedule's trigger, after the job it
 * enqueued is committed.
 *
 * @param scheduleName the schedule
 * @param jobId the enqueued job
 * @param scheduledFireTime the tick the firing is for
 * @param fireTime when it actually fired
 * @param instanceId the Quartz instance (node) that fired it
 * @author Batchyard
 */
public record ScheduleFired(String scheduleName, long jobId, Instant scheduledFireTime, Instant fireTime,
		String instanceId) {

}
