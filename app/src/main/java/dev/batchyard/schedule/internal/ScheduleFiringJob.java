package dev.batchyard.schedule.internal;

import java.time.Instant;
import java.util.Date;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * The Quartz job behind every schedule: a firing enqueues one job through the engine and
 * never runs it. Quartz's clustered store hands each tick to exactly one node.
 * <p>
 * Not {@code @DisallowConcurrentExecution}: a firing only enqueues, the counters it
 * updates are updated atomically under the schedule's row lock, and a slow firing must
 * not hold the next tick back (blocked triggers would misfire). Requests recovery: when
 * the node dies mid-firing, another node runs the firing again, and the schedule's
 * {@code last_fired_for} keeps that from enqueuing twice.
 * <p>
 * Quartz stores this class's name with every schedule's job: renaming it breaks stored
 * schedules.
 *
 * @author Batchyard
 */
class ScheduleFiringJob implements Job {

	private final ScheduleService schedules;

	ScheduleFiringJob(ScheduleService schedules) {
		this.schedules = schedules;
	}

	@Override
	public void execute(JobExecutionContext context) throws JobExecutionException {
		String name = context.getJobDetail().getKey().getName();
		boolean ownTrigger = context.getTrigger().getKey().equals(ScheduleTriggers.triggerKey(name));
		this.schedules.fire(name, tick(context), context.getFireTime().toInstant(),
				ownTrigger ? instant(context.getNextFireTime()) : null, instanceId(context));
	}

	/**
	 * The tick this firing is for; when Quartz recovers a firing a dead node had started,
	 * the tick of the original firing: its scheduled time, not the moment the dead node
	 * fired it. That moment may lie past the next tick (a late firing on a loaded node),
	 * and {@code last_fired_for} would then drop the next tick as a second firing.
	 */
	private static Instant tick(JobExecutionContext context) {
		Object original = context.getMergedJobDataMap()
			.get(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
		if (context.isRecovering() && original != null) {
			return Instant.ofEpochMilli(Long.parseLong(original.toString()));
		}
		return context.getScheduledFireTime().toInstant();
	}

	private static String instanceId(JobExecutionContext context) {
		try {
			return context.getScheduler().getSchedulerInstanceId();
		}
		catch (SchedulerException ex) {
			return null;
		}
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
