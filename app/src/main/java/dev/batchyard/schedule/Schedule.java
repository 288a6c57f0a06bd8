package dev.batchyard.schedule;

import java.time.Instant;

/**
 * A schedule as stored: a named cron that enqueues a job type on a queue.
 *
 * @param name the schedule's name, unique
 * @param type the job type it enqueues
 * @param queueName the queue the jobs go to
 * @param cron the Quartz cron expression (seconds first, 6 or 7 fields)
 * @param timezone the zone the cron is read in, e.g. {@code Europe/Berlin}
 * @param payload the payload of every job it enqueues, as JSON
 * @param description what it is for, or null
 * @param enabled whether it fires
 * @param priority the priority of the jobs it enqueues, 1 (first) to 10: the one given,
 * else the queue's tier
 * @param lastRunAt when it last enqueued a job (a firing or a trigger-now), or null
 * @param nextRunAt when it fires next, or null when disabled
 * @param runCount how many jobs it has enqueued
 * @param overlapPolicy what a tick does while the last firing's job is unfinished
 * @author Batchyard
 */
public record Schedule(String name, String type, String queueName, String cron, String timezone, String payload,
		String description, boolean enabled, int priority, Instant lastRunAt, Instant nextRunAt, long runCount,
		OverlapPolicy overlapPolicy) {

}
