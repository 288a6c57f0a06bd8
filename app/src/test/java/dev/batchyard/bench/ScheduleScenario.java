package dev.batchyard.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Jobs;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

/**
 * Scenario 6: {@code schedules} cron schedules firing every second for {@code seconds} on
 * two nodes sharing one database. Every firing enqueues a {@code probe} job through
 * {@link Jobs#enqueue} on the node that fired and records the firing in
 * {@code bench_fire}: lag (scheduled fire time to job enqueued), double fires (two
 * firings of one schedule for one second) and missed fires (a second without a firing).
 * <p>
 * Until {@code dev.batchyard.schedule.Schedules} is merged, the schedules are plain
 * Quartz cron triggers on the nodes' clustered scheduler ({@link #createSchedules}); once
 * it is, that method (and {@link #deleteSchedules}) should create them through
 * {@code Schedules} so the scenario measures the feature's own firing path.
 *
 * @author Batchyard
 */
final class ScheduleScenario {

	private static final String GROUP = "bench-schedules";

	private final BenchNode creator;

	private final Baselines database;

	ScheduleScenario(BenchNode creator, Baselines database) throws SQLException {
		this.creator = creator;
		this.database = database;
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS bench_fire (schedule_name VARCHAR(200) NOT NULL,"
					+ " scheduled_at TIMESTAMPTZ NOT NULL, enqueued_at TIMESTAMPTZ NOT NULL,"
					+ " node_id VARCHAR(200) NOT NULL, job_id BIGINT NOT NULL)");
		}
	}

	Map<String, Double> run(int schedules, int seconds) throws Exception {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("TRUNCATE bench_fire");
		}
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
		// fire times start, start + 1 s, ... start + (seconds - 1) s
		Instant end = start.plusSeconds(seconds).minusMillis(500);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < schedules; i++) {
			names.add("bench-" + i);
		}
		createSchedules(names, start, end);
		Thread.sleep(Math.max(0, end.toEpochMilli() - System.currentTimeMillis()) + 3_000);
		deleteSchedules(names);
		return figures(schedules, seconds, start);
	}

	/**
	 * Creates the schedules: every second from {@code start} until {@code end}. The hook
	 * to switch to {@code dev.batchyard.schedule.Schedules} once it exists.
	 */
	void createSchedules(List<String> names, Instant start, Instant end) throws Exception {
		Scheduler scheduler = this.creator.bean(Scheduler.class);
		Map<JobDetail, Set<? extends Trigger>> jobs = new HashMap<>();
		for (String name : names) {
			JobDetail job = newJob(FireJob.class).withIdentity(name, GROUP).usingJobData("schedule", name).build();
			jobs.put(job,
					Set.of(newTrigger().withIdentity(name, GROUP)
						.withSchedule(CronScheduleBuilder.cronSchedule("* * * * * ?"))
						.startAt(Date.from(start))
						.endAt(Date.from(end))
						.build()));
		}
		scheduler.scheduleJobs(jobs, true);
	}

	void deleteSchedules(List<String> names) throws Exception {
		this.creator.bean(Scheduler.class).deleteJobs(names.stream().map((name) -> new JobKey(name, GROUP)).toList());
	}

	private Map<String, Double> figures(int schedules, int seconds, Instant start) throws SQLException {
		Map<String, Double> figures = new LinkedHashMap<>();
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			List<Double> lags = new ArrayList<>();
			try (ResultSet rows = statement
				.executeQuery("SELECT extract(epoch FROM enqueued_at - scheduled_at) * 1000 FROM bench_fire")) {
				while (rows.next()) {
					lags.add(rows.getDouble(1));
				}
			}
			try (ResultSet counts = statement.executeQuery("SELECT count(*), count(DISTINCT (schedule_name,"
					+ " scheduled_at)), count(DISTINCT node_id) FROM bench_fire WHERE scheduled_at >= '"
					+ OffsetDateTime.ofInstant(start, ZoneOffset.UTC) + "'")) {
				counts.next();
				long fires = counts.getLong(1);
				long distinct = counts.getLong(2);
				figures.put("lag p50", Measurements.percentile(lags, 50));
				figures.put("lag p99", Measurements.percentile(lags, 99));
				figures.put("double fires", (double) (fires - distinct));
				figures.put("missed fires", (double) ((long) schedules * seconds - distinct));
				figures.put("nodes firing", (double) counts.getLong(3));
			}
		}
		return figures;
	}

	/**
	 * One firing: enqueues through {@link Jobs} on the node that fired and records it.
	 * Instantiated by the node's Quartz job factory, which autowires the constructor.
	 */
	public static class FireJob implements Job {

		private final Jobs jobs;

		private final JdbcTemplate jdbc;

		private final String nodeId;

		public FireJob(Jobs jobs, JdbcTemplate jdbc, Environment environment) {
			this.jobs = jobs;
			this.jdbc = jdbc;
			this.nodeId = environment.getProperty("batchyard.node.id");
		}

		@Override
		public void execute(JobExecutionContext context) {
			String schedule = context.getMergedJobDataMap().getString("schedule");
			long id = this.jobs.enqueue(EnqueueRequest.of("probe", "{}").fromSchedule(schedule)).job().id();
			Instant enqueued = Instant.now();
			this.jdbc.update(
					"INSERT INTO bench_fire (schedule_name, scheduled_at, enqueued_at, node_id, job_id)"
							+ " VALUES (?, ?, ?, ?, ?)",
					schedule, OffsetDateTime.ofInstant(context.getScheduledFireTime().toInstant(), ZoneOffset.UTC),
					OffsetDateTime.ofInstant(enqueued, ZoneOffset.UTC), this.nodeId, id);
		}

	}

}
