/**
 * Schedules: named crons (with a timezone) that enqueue a job type on a queue. Each
 * schedule is a row in {@code schedule_meta} and a Quartz job with one cron trigger in
 * Quartz's clustered JDBC store, so that exactly one node fires each tick. A firing only
 * enqueues; the engine runs the job. {@link dev.batchyard.schedule.Schedules} is the
 * facade the API and applications use.
 */
package dev.batchyard.schedule;
