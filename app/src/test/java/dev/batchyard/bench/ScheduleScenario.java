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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.schedule.OverlapPolicy;
import dev.batchyard.schedule.ScheduleFired;
import dev.batchyard.schedule.ScheduleRequest;
import dev.batchyard.schedule.Schedules;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 6: {@code schedules} cron schedules firing every second for {@code seconds} on
 * two nodes sharing one database, created through the schedule feature
 * ({@link Schedules}). Every firing's {@link ScheduleFired} event (published after the
 * enqueued job commits) is recorded in {@code bench_fire}: lag (scheduled fire time to
 * job committed), double fires (two firings of one schedule for one second) and missed
 * fires (a second without a firing).
 *
 * @author Batchyard
 */
final class ScheduleScenario {

	private static final String GROUP = "bench-schedules";

	private final BenchNode creator;

	private final List<BenchNode> nodes;

	private final Baselines database;

	ScheduleScenario(List<BenchNode> nodes, Baselines database) throws SQLException {
		this.creator = nodes.get(0);
		this.nodes = nodes;
		this.database = database;
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS bench_fire (schedule_name VARCHAR(200) NOT NULL,"
					+ " scheduled_at TIMESTAMPTZ NOT NULL, enqueued_at TIMESTAMPTZ NOT NULL,"
					+ " node_id VARCHAR(200) NOT NULL, job_id BIGINT NOT NULL)");
		}
		for (BenchNode node : nodes) {
			JdbcTemplate jdbc = node.bean(JdbcTemplate.class);
			node.addListener(ApplicationListener.<ScheduleFired>forPayload((fired) -> jdbc.update(
					"INSERT INTO bench_fire (schedule_name, scheduled_at, enqueued_at, node_id, job_id)"
							+ " VALUES (?, ?, ?, ?, ?)",
					fired.scheduleName(), OffsetDateTime.ofInstant(fired.scheduledFireTime(), ZoneOffset.UTC),
					OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC), fired.instanceId(), fired.jobId())));
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
		double droppedBefore = secondFiringsDropped();
		createSchedules(names, start, end);
		Thread.sleep(Math.max(0, end.toEpochMilli() - System.currentTimeMillis()) + 3_000);
		deleteSchedules(names);
		Map<String, Double> figures = figures(schedules, seconds, start, end);
		figures.put("second firings dropped", secondFiringsDropped() - droppedBefore);
		return figures;
	}

	/**
	 * Creates the schedules through the schedule feature: every second; only the ticks
	 * from {@code start} until {@code end} are counted.
	 */
	void createSchedules(List<String> names, Instant start, Instant end) {
		Schedules schedules = this.creator.bean(Schedules.class);
		for (String name : names) {
			// every tick counts, whether or not the last job has finished
			schedules.create(ScheduleRequest.of(name, "probe", "* * * * * ?")
				.onQueue(EngineScenarios.QUEUE)
				.withOverlapPolicy(OverlapPolicy.ALLOW_ALL));
		}
	}

	/** Quartz firings the nodes dropped because their tick had fired already. */
	private double secondFiringsDropped() {
		return this.nodes.stream()
			.mapToDouble((node) -> node.bean(MeterRegistry.class).counter("batchyard.schedule.firings.dropped").count())
			.sum();
	}

	void deleteSchedules(List<String> names) {
		Schedules schedules = this.creator.bean(Schedules.class);
		names.forEach(schedules::delete);
	}

	private Map<String, Double> figures(int schedules, int seconds, Instant start, Instant end) throws SQLException {
		String window = " WHERE scheduled_at >= '" + OffsetDateTime.ofInstant(start, ZoneOffset.UTC)
				+ "' AND scheduled_at < '" + OffsetDateTime.ofInstant(end, ZoneOffset.UTC) + "'";
		Map<String, Double> figures = new LinkedHashMap<>();
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			List<Double> lags = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery(
					"SELECT extract(epoch FROM enqueued_at - scheduled_at) * 1000 FROM bench_fire" + window)) {
				while (rows.next()) {
					lags.add(rows.getDouble(1));
				}
			}
			try (ResultSet counts = statement.executeQuery("SELECT count(*), count(DISTINCT (schedule_name,"
					+ " scheduled_at)), count(DISTINCT node_id) FROM bench_fire" + window)) {
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

}
