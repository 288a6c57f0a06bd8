package dev.batchyard.schedule.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.catalog.probe.ProbeJobType;
import dev.batchyard.schedule.ScheduleFired;
import dev.batchyard.schedule.ScheduleRequest;
import dev.batchyard.schedule.Schedules;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node died while it was firing a schedule's tick, late (a loaded node fires a tick
 * some time after it is due). Quartz on a live node runs the firing again; the tick it is
 * counted for must be the scheduled one, not the moment the dead node began to fire.
 * Otherwise the dead node's finished firing is enqueued a second time, and a late tick
 * counted past the next one drops that next tick as a repeat. The dead node is written
 * into Quartz's tables as Quartz itself writes a node that dies mid-firing.
 */
class ScheduleRecoveryIntegrationTests {

	/** How late the dead node fired its tick: past the next tick of a per-second cron. */
	private static final long LATE_MILLIS = 1300;

	private final Queue<ScheduleFired> fired = new ConcurrentLinkedQueue<>();

	@Test
	void aRecoveredFiringCountsForItsScheduledTickAndIsNotEnqueuedTwice() {
		String url = TestServers.freshPostgresDatabase("schedule_recovery");
		try (ConfigurableApplicationContext node = new SpringApplicationBuilder(BatchyardApplication.class)
			.listeners(recorder())
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres", "--batchyard.node.id=live",
					"--spring.main.web-application-type=none", "--spring.main.banner-mode=off")) {
			JdbcClient jdbc = node.getBean(JdbcClient.class);
			Schedules schedules = node.getBean(Schedules.class);
			// both fire only in 2099: every firing seen here is a recovered one
			schedules.create(ScheduleRequest.of("unfinished", ProbeJobType.NAME, "0 0 0 1 1 ? 2099"));
			schedules.create(ScheduleRequest.of("finished", ProbeJobType.NAME, "0 0 0 1 1 ? 2099"));
			Instant tick = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(20);
			// the dead node had enqueued the job of this one and died before Quartz
			// removed its firing
			jdbc.sql("UPDATE schedule_meta SET last_fired_for = ? WHERE name = 'finished'")
				.param(java.sql.Timestamp.from(tick))
				.update();

			deadNodeFiring(jdbc, "unfinished", tick);
			deadNodeFiring(jdbc, "finished", tick);
			jdbc.sql("INSERT INTO qrtz_scheduler_state VALUES ('batchyard', 'dead', ?, 1000)")
				.param(Instant.now().minusSeconds(60).toEpochMilli())
				.update();

			await().atMost(Duration.ofSeconds(30)).until(() -> recovered(jdbc));
			assertThat(this.fired).singleElement().satisfies((firing) -> {
				assertThat(firing.scheduleName()).isEqualTo("unfinished");
				assertThat(firing.scheduledFireTime()).as("the tick the firing counts for").isEqualTo(tick);
			});
			assertThat(jobsOf(jdbc, "unfinished")).isEqualTo(1);
			assertThat(jobsOf(jdbc, "finished")).as("jobs of a firing the dead node had finished").isZero();
		}
	}

	/** As Quartz leaves a firing that had started, and whose job asks for recovery. */
	private static void deadNodeFiring(JdbcClient jdbc, String schedule, Instant tick) {
		jdbc.sql("INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name,"
				+ " fired_time, sched_time, priority, state, job_name, job_group, is_nonconcurrent, requests_recovery)"
				+ " VALUES ('batchyard', ?, ?, ?, 'dead', ?, ?, 5, 'EXECUTING', ?, ?, false, true)")
			.param("dead-" + schedule)
			.param(schedule)
			.param(ScheduleTriggers.GROUP)
			.param(tick.toEpochMilli() + LATE_MILLIS)
			.param(tick.toEpochMilli())
			.param(schedule)
			.param(ScheduleTriggers.GROUP)
			.update();
	}

	/**
	 * The dead node's firings are taken over, and the firings Quartz made of them ran.
	 */
	private boolean recovered(JdbcClient jdbc) {
		long left = jdbc
			.sql("SELECT (SELECT COUNT(*) FROM qrtz_fired_triggers) + (SELECT COUNT(*) FROM qrtz_scheduler_state"
					+ " WHERE instance_name = 'dead') + (SELECT COUNT(*) FROM qrtz_triggers"
					+ " WHERE trigger_group = 'RECOVERING_JOBS')")
			.query(Long.class)
			.single();
		return left == 0 && !this.fired.isEmpty();
	}

	private static long jobsOf(JdbcClient jdbc, String schedule) {
		return jdbc.sql("SELECT COUNT(*) FROM job WHERE schedule_name = ?").param(schedule).query(Long.class).single();
	}

	private ApplicationListener<?> recorder() {
		return (event) -> {
			if (event instanceof PayloadApplicationEvent<?> payload
					&& payload.getPayload() instanceof ScheduleFired firing) {
				this.fired.add(firing);
			}
		};
	}

}
