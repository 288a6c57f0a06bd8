package dev.batchyard.schedule.internal;

import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.TimeZone;

import dev.batchyard.schedule.MisfirePolicy;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * A schedule's side in Quartz: one durable-less {@link JobDetail} running
 * {@link ScheduleFiringJob} and one {@link CronTrigger}, both named after the schedule in
 * group {@value #GROUP}. Every call joins the caller's Spring transaction (Spring's
 * {@code LocalDataSourceJobStore} takes its connection from it).
 *
 * @author Batchyard
 */
class ScheduleTriggers {

	static final String GROUP = "batchyard-schedules";

	private final Scheduler scheduler;

	private final MisfirePolicy misfirePolicy;

	ScheduleTriggers(Scheduler scheduler, MisfirePolicy misfirePolicy) {
		this.scheduler = scheduler;
		this.misfirePolicy = misfirePolicy;
	}

	/**
	 * Writes the job and a fresh trigger (replacing any), paused when the schedule is
	 * disabled.
	 * @return the next fire time, or null when paused
	 */
	Instant write(ScheduleRow row, int priority) {
		JobDetail job = JobBuilder.newJob(ScheduleFiringJob.class)
			.withIdentity(jobKey(row.name()))
			.requestRecovery(true)
			.build();
		CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(row.cron())
			.inTimeZone(TimeZone.getTimeZone(row.timezone()));
		cron = switch (this.misfirePolicy) {
			case FIRE_ONCE_NOW -> cron.withMisfireHandlingInstructionFireAndProceed();
			case SKIP -> cron.withMisfireHandlingInstructionDoNothing();
		};
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(triggerKey(row.name()))
			.forJob(job)
			.withSchedule(cron)
			.withPriority(quartzPriority(priority))
			.build();
		try {
			this.scheduler.scheduleJob(job, Set.of(trigger), true);
			if (!row.enabled()) {
				this.scheduler.pauseTrigger(trigger.getKey());
				return null;
			}
			return instant(this.scheduler.getTrigger(trigger.getKey()).getNextFireTime());
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Could not write the trigger of schedule '" + row.name() + "'", ex);
		}
	}

	void pause(String name) {
		try {
			this.scheduler.pauseTrigger(triggerKey(name));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Could not pause the trigger of schedule '" + name + "'", ex);
		}
	}

	void delete(String name) {
		try {
			this.scheduler.deleteJob(jobKey(name));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Could not delete the trigger of schedule '" + name + "'", ex);
		}
	}

	/** The trigger's next fire time, or null when it has none or does not exist. */
	Instant nextFireTime(String name) {
		try {
			Trigger trigger = this.scheduler.getTrigger(triggerKey(name));
			return (trigger != null) ? instant(trigger.getNextFireTime()) : null;
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Could not read the trigger of schedule '" + name + "'", ex);
		}
	}

	/**
	 * Quartz fires the trigger with the higher number first when several are due at once;
	 * ours run 1 (first) to 10, so 1 becomes 10 and 10 becomes 1.
	 */
	static int quartzPriority(int priority) {
		return 11 - priority;
	}

	static JobKey jobKey(String name) {
		return JobKey.jobKey(name, GROUP);
	}

	static TriggerKey triggerKey(String name) {
		return TriggerKey.triggerKey(name, GROUP);
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
