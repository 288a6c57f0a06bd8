/**
 * Schedules: named crons (with a timezone) that enqueue a job type on a queue. Each
 * schedule is a row in {@code schedule_meta} and a Quartz job with one cron trigger in
 * Quartz's clustered JDBC store, so that exactly one node fires each tick. A firing only
 * enqueues; the engine runs the job. A schedule's
 * {@link dev.batchyard.schedule.OverlapPolicy} decides what a tick does while the job of
 * its last firing is unfinished; the decision is taken under the schedule's row lock with
 * the firing, and a {@code BUFFER_ONE} run left pending is started by whichever node
 * first sees that job finished. {@link dev.batchyard.schedule.Schedules} is the facade
 * the API and applications use.
 */
package dev.batchyard.schedule;
