package dev.batchyard.schedule.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

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

	@Test
	void aSecondFiringForTheSameTickEnqueuesNothingAndIsCounted() {
		this.schedules.create(ScheduleRequest.of("fired-twice", "probe", FAR_AWAY));
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

	private double dropped() {
		return this.meters.get("batchyard.schedule.firings.dropped").counter().count();
	}

}
