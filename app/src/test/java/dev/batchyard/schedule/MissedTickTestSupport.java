package dev.batchyard.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The misfire policies, as the README describes them: a tick no node could fire within
 * the misfire threshold (here 1 s, 5 s shipped) is made up once, however many were missed
 * ({@code FIRE_ONCE_NOW}) or not at all ({@code SKIP}). The node's Quartz scheduler is
 * put on standby over a tick, as if every node were down, and started again once the tick
 * is past the threshold.
 */
abstract class MissedTickTestSupport {

	@Autowired
	Schedules schedules;

	@Autowired
	Scheduler scheduler;

	@Autowired
	JdbcClient jdbc;

	String name;

	@AfterEach
	void cleanUp() throws SchedulerException {
		this.scheduler.start();
		if (this.name != null) {
			this.schedules.delete(this.name);
		}
	}

	/**
	 * Creates a schedule that ticks at three consecutive seconds of every minute, the
	 * first 3 s from now; keeps the node's Quartz from firing until the last of the three
	 * is 2 s late, then lets it fire again.
	 * @return when Quartz was started again
	 */
	Instant missTheTick(String name) throws SchedulerException {
		this.name = name;
		OffsetDateTime tick = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
		int second = tick.getSecond();
		String cron = second + "," + ((second + 1) % 60) + "," + ((second + 2) % 60) + " * * * * ?";
		this.schedules.create(ScheduleRequest.of(name, "probe", cron));
		this.scheduler.standby();
		Instant late = tick.plusSeconds(4).toInstant();
		await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(late));
		assertThat(jobsOf(name)).as("nothing fires while Quartz stands by").isZero();
		this.scheduler.start();
		return Instant.now();
	}

	/** When the schedule's trigger fires next, as Quartz has it. */
	Instant nextFireTime() throws SchedulerException {
		return this.scheduler.getTrigger(TriggerKey.triggerKey(this.name, "batchyard-schedules"))
			.getNextFireTime()
			.toInstant();
	}

	int jobsOf(String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM job WHERE schedule_name = ?")
			.param(name)
			.query(Integer.class)
			.single();
	}

}
