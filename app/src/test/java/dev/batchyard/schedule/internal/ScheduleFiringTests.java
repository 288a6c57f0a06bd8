package dev.batchyard.schedule.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.batchyard.engine.QueueControls;
import dev.batchyard.schedule.OverlapPolicy;
import dev.batchyard.schedule.ScheduleRequest;
import dev.batchyard.schedule.Schedules;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A firing enqueues one job per tick: a second firing for a tick already fired for (two
 * nodes acquiring one trigger, a firing re-run after its node died) enqueues nothing and
 * is counted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = "spring.datasource.url=jdbc:h2:mem:schedule-firing-tests;DB_CLOSE_DELAY=-1")
class ScheduleFiringTests {

	/** Noon on 1 January 2099: Quartz itself fires nothing during the test. */
	private static final String FAR_AWAY = "0 0 12 1 1 ? 2099";

	@Autowired
	Schedules schedules;

	@Autowired
	ScheduleService service;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	QueueControls controls;

	@Test
	void aSecondFiringForTheSameTickEnqueuesNothingAndIsCounted() {
		// the next tick enqueues even while the first tick's job is unfinished
		this.schedules
			.create(ScheduleRequest.of("fired-twice", "probe", FAR_AWAY).withOverlapPolicy(OverlapPolicy.ALLOW_ALL));
		Instant tick = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		double droppedBefore = dropped();

		this.service.fire("fired-twice", tick, tick.plusMillis(5), null, "node-a");
		this.service.fire("fired-twice", tick, tick.plusMillis(9), null, "node-b");
		this.service.fire("fired-twice", tick.plusSeconds(1), tick.plusMillis(1005), null, "node-b");

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM job WHERE schedule_name = 'fired-twice'")
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(dropped() - droppedBefore).isEqualTo(1);
	}

	@Test
	void underSkipATickWhileTheLastJobIsUnfinishedEnqueuesNothingAndTheNextTickAfterItDoes() {
		this.schedules.create(ScheduleRequest.of("skipping", "probe", FAR_AWAY).withPayload("{\"sleepMs\": 60000}"));
		Instant tick = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		double skippedBefore = this.meters.get("batchyard.schedule.firings.skipped").counter().count();

		this.service.fire("skipping", tick, tick, null, "node-a");
		this.service.fire("skipping", tick.plusSeconds(1), tick.plusSeconds(1), null, "node-a");
		List<Long> held = jobsOf("skipping");
		this.controls.cancel(held.get(0));
		this.service.fire("skipping", tick.plusSeconds(2), tick.plusSeconds(2), null, "node-a");
		List<Long> after = jobsOf("skipping");
		this.controls.cancel(after.get(after.size() - 1));

		assertThat(held).hasSize(1);
		assertThat(this.meters.get("batchyard.schedule.firings.skipped").counter().count() - skippedBefore)
			.isEqualTo(1);
		assertThat(after).hasSize(2);
	}

	private List<Long> jobsOf(String schedule) {
		return this.jdbc.sql("SELECT id FROM job WHERE schedule_name = ? ORDER BY id")
			.param(schedule)
			.query(Long.class)
			.list();
	}

	private double dropped() {
		return this.meters.get("batchyard.schedule.firings.dropped").counter().count();
	}

}
