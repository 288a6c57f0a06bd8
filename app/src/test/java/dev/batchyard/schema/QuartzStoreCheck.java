package dev.batchyard.schema;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

/**
 * Starts a real Quartz scheduler with a JDBC job store over a migrated database,
 * schedules a job, and checks that Quartz stored it in our QRTZ_ tables and fired it.
 *
 * @author Batchyard
 */
final class QuartzStoreCheck {

	private QuartzStoreCheck() {
	}

	static void schedulesStoresAndFires(String url, String user, String password, String delegateClass,
			JdbcTemplate jdbc) throws Exception {
		String schedulerName = "schema-check-" + delegateClass.substring(delegateClass.lastIndexOf('.') + 1);
		Properties properties = new Properties();
		properties.setProperty("org.quartz.scheduler.instanceName", schedulerName);
		properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
		properties.setProperty("org.quartz.threadPool.threadCount", "2");
		properties.setProperty("org.quartz.threadPool.threadNamePrefix", schedulerName + "-worker");
		properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
		properties.setProperty("org.quartz.jobStore.driverDelegateClass", delegateClass);
		properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
		properties.setProperty("org.quartz.jobStore.isClustered", "true");
		properties.setProperty("org.quartz.jobStore.dataSource", "main");
		properties.setProperty("org.quartz.dataSource.main.connectionProvider.class",
				QuartzConnectionProvider.class.getName());
		properties.setProperty("org.quartz.dataSource.main.url", url);
		properties.setProperty("org.quartz.dataSource.main.user", user);
		properties.setProperty("org.quartz.dataSource.main.password", password);
		Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
		AtomicInteger executions = new AtomicInteger();
		scheduler.getListenerManager().addJobListener(new JobListenerSupport() {

			@Override
			public String getName() {
				return "execution-counter";
			}

			@Override
			public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
				executions.incrementAndGet();
			}

		});
		try {
			JobDetail job = newJob(NoOpJob.class).withIdentity("probe", "schema").storeDurably().build();
			Trigger trigger = newTrigger().withIdentity("probe-now", "schema")
				.forJob(job)
				.withPriority(7)
				.startNow()
				.withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInHours(1).withRepeatCount(1))
				.build();
			scheduler.scheduleJob(job, trigger);
			assertThat(
					jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE SCHED_NAME = ? AND JOB_NAME = ?",
							Integer.class, schedulerName, "probe"))
				.isOne();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_SIMPLE_TRIGGERS WHERE SCHED_NAME = ?",
					Integer.class, schedulerName))
				.isOne();
			scheduler.start();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(executions).hasValue(1));
			assertThat(scheduler.checkExists(new JobKey("probe", "schema"))).isTrue();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?",
					Integer.class, schedulerName))
				.isOne();
			assertThat(jdbc.queryForObject(
					"SELECT TIMES_TRIGGERED FROM QRTZ_SIMPLE_TRIGGERS WHERE SCHED_NAME = ? AND TRIGGER_NAME = ?",
					Long.class, schedulerName, "probe-now"))
				.isOne();
		}
		finally {
			scheduler.shutdown(true);
		}
	}

	/** The job Quartz runs; the listener counts its executions. */
	public static class NoOpJob implements Job {

		@Override
		public void execute(JobExecutionContext context) {
		}

	}

}
