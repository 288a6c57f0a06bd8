package dev.batchyard.retention.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import dev.batchyard.engine.BatchMetadata;
import dev.batchyard.retention.RetentionProperties;
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

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires retention and writes its Quartz job and trigger, in group {@value #GROUP}. A node
 * writes the trigger only when it is missing or its interval differs from this node's
 * configuration, so restarts do not push the next run back.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

	static final String GROUP = "batchyard-maintenance";

	static final JobKey JOB = JobKey.jobKey("retention", GROUP);

	static final TriggerKey TRIGGER = TriggerKey.triggerKey("retention", GROUP);

	@Bean
	JobRetention retention(JdbcClient jdbc, BatchMetadata batchMetadata, RetentionProperties properties, Clock clock) {
		return new JobRetention(jdbc, batchMetadata, properties, clock);
	}

	@Bean
	SmartInitializingSingleton retentionTrigger(Scheduler scheduler, RetentionProperties properties,
			PlatformTransactionManager transactionManager, Clock clock) {
		return () -> new TransactionTemplate(transactionManager)
			.executeWithoutResult((status) -> write(scheduler, properties.interval(), clock.instant()));
	}

	private static void write(Scheduler scheduler, Duration interval, Instant now) {
		try {
			Trigger existing = scheduler.getTrigger(TRIGGER);
			if (existing instanceof SimpleTrigger simple && simple.getRepeatInterval() == interval.toMillis()
					&& scheduler.getJobDetail(JOB) != null) {
				return;
			}
			JobDetail job = JobBuilder.newJob(RetentionJob.class)
				.withIdentity(JOB)
				.withDescription("Deletes finished jobs past their horizon (batchyard.retention)")
				.build();
			Duration firstIn = (interval.compareTo(Duration.ofMinutes(1)) < 0) ? interval : Duration.ofMinutes(1);
			Trigger trigger = TriggerBuilder.newTrigger()
				.withIdentity(TRIGGER)
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
			throw new IllegalStateException("Could not write the retention trigger", ex);
		}
	}

}
