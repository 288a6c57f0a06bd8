/**
 * How schedules live in Quartz and {@code schedule_meta}: the facade's implementation,
 * the Quartz job a firing runs, and the Quartz set-up every node shares.
 */
package dev.batchyard.schedule.internal;
