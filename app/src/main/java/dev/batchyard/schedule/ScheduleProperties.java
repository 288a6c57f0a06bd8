package dev.batchyard.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The schedules' knobs, bound from {@code batchyard.schedule}.
 *
 * @param misfirePolicy what a schedule does about missed ticks; applies to triggers
 * written from then on (a schedule created, updated or enabled), existing triggers keep
 * the policy they were written with
 * @param checkInInterval how often each node writes its check-in to the Quartz cluster
 * (one row update); the sooner a dead node is noticed
 * @param failoverGrace how much longer than its check-in interval a node may stay silent
 * before another node takes it for dead and fires the ticks it had taken; a node paused
 * longer than this (a long GC, a frozen VM) has its ticks fired by another node, and the
 * schedule's own record of the last tick fired drops the second firing
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.schedule")
public record ScheduleProperties(@DefaultValue("FIRE_ONCE_NOW") MisfirePolicy misfirePolicy,
		@DefaultValue("1s") Duration checkInInterval, @DefaultValue("1500ms") Duration failoverGrace) {

	public ScheduleProperties {
		if (checkInInterval.compareTo(Duration.ofMillis(100)) < 0) {
			throw new IllegalArgumentException(
					"batchyard.schedule.check-in-interval must be at least 100ms (was " + checkInInterval + ")");
		}
		if (failoverGrace.compareTo(Duration.ofMillis(500)) < 0) {
			throw new IllegalArgumentException(
					"batchyard.schedule.failover-grace must be at least 500ms, or nodes with a moment's pause or"
							+ " clock drift would be taken for dead (was " + failoverGrace + ")");
		}
	}

}
