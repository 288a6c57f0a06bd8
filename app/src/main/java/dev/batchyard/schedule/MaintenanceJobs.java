package dev.batchyard.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The cluster-wide periodic work of the features (monitoring, retention, scaling): a
 * Quartz job and a repeating trigger in group {@value #GROUP} of the clustered store, so
 * that one node of the cluster runs each interval. A node writes the trigger only when it
 * is missing or its interval differs from this node's configuration, so restarts do not
 * push the next run back. A run a dead cluster missed is not made up: the next one comes
 * at its time.
 *
 * @author Batchyard
 */
public final class MaintenanceJobs {

	/** The Quartz group of the maintenance jobs and triggers. */
	public static final String GROUP = "batchyard-maintenance";

	private MaintenanceJobs() {
	}

	/**
	 * Writes a maintenance job and its trigger, unless they exist with this interval.
	 * Call it inside a transaction.
	 * @param scheduler the node's Quartz scheduler
	 * @param name the job's and trigger's name in {@value #GROUP}
	 * @param type the job class (Quartz stores its name)
	 * @param description what the job does, for a person reading the Quartz tables
	 * @param interval how often it runs
	 * @param firstIn how long after now the first run comes, when the trigger is written
	 * @param now now
	 */
	public static void every(Scheduler scheduler, String name, Class<? extends Job> type, String description,
			Duration interval, Duration firstIn, Instant now) {
		JobKey jobKey = JobKey.jobKey(name, GROUP);
		TriggerKey triggerKey = TriggerKey.triggerKey(name, GROUP);
		try {
			Trigger existing = scheduler.getTrigger(triggerKey);
			if (existing instanceof SimpleTrigger simple && simple.getRepeatInterval() == interval.toMillis()
					&& scheduler.getJobDetail(jobKey) != null) {
				return;
			}
			JobDetail job = JobBuilder.newJob(type).withIdentity(jobKey).withDescription(description).build();
			Trigger trigger = TriggerBuilder.newTrigger()
				.withIdentity(triggerKey)
				.forJob(job)
				.startAt(Date.from(now.plus(firstIn)))
				.withSchedule(SimpleScheduleBuilder.simpleSchedule()
					.withIntervalInMilliseconds(interval.toMillis())
					.repeatForever()
					.withMisfireHandlingInstructionNextWithRemainingCount())
				.build();
			scheduler.scheduleJob(job, Set.of(trigger), true);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Could not write the " + name + " trigger", ex);
		}
	}

}
