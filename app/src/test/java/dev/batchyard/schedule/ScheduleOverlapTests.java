package dev.batchyard.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The overlap policies: a schedule that ticks three times in three seconds, and a job
 * that runs a minute, so that every tick after the first meets an unfinished job. The
 * cron names three seconds, so no fourth tick comes for a minute.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "spring.datasource.url=jdbc:h2:mem:schedule-overlap-tests;DB_CLOSE_DELAY=-1",
				"batchyard.engine.poll-interval=200ms", "batchyard.catalog.queues.default.concurrency=4" })
class ScheduleOverlapTests {

	private static final String LONG_JOB = "{\"sleepMs\": 60000}";

	@Autowired
	Schedules schedules;

	@Autowired
	Jobs jobs;

	@Autowired
	QueueControls controls;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	private String name;

	@AfterEach
	void cleanUp() {
		if (this.name != null) {
			this.schedules.delete(this.name);
			jobsOf(this.name).stream()
				.filter((job) -> job.state().unfinished())
				.forEach((job) -> this.controls.cancel(job.id()));
		}
	}

	@Test
	void aNewScheduleSkipsTicksWhileItsLastJobIsUnfinished() {
		double skippedBefore = skipped();
		Instant lastTick = threeTicks("overlap-skip", null);

		List<Job> jobs = jobsOf(this.name);
		assertThat(this.schedules.find(this.name).orElseThrow().overlapPolicy()).isEqualTo(OverlapPolicy.SKIP);
		assertThat(jobs).hasSize(1);
		assertThat(skipped() - skippedBefore).isEqualTo(2);
		this.controls.cancel(jobs.get(0).id());
		// nothing was kept for later
		await().during(Duration.ofMillis(2500))
			.atMost(Duration.ofSeconds(4))
			.until(() -> jobsOf(this.name).size() == 1);
		assertThat(this.schedules.find(this.name).orElseThrow().runCount()).isOne();
		assertThat(lastTick).isNotNull();
	}

	@Test
	void bufferOneKeepsOneRunThatStartsWhenTheRunningJobFinishes() {
		threeTicks("overlap-buffer", OverlapPolicy.BUFFER_ONE);
		assertThat(jobsOf(this.name)).hasSize(1);
		Job first = jobsOf(this.name).get(0);

		this.controls.cancel(first.id());
		await().atMost(Duration.ofSeconds(5)).until(() -> jobsOf(this.name).size() == 2);

		Job cancelled = this.jobs.find(first.id()).orElseThrow();
		Job buffered = jobsOf(this.name).get(1);
		assertThat(buffered.createdAt()).isAfterOrEqualTo(cancelled.finishedAt());
		// one run was kept for two held-back ticks
		await().during(Duration.ofMillis(2000))
			.atMost(Duration.ofSeconds(4))
			.until(() -> jobsOf(this.name).size() == 2);
		assertThat(this.schedules.find(this.name).orElseThrow().runCount()).isEqualTo(2);
	}

	@Test
	void allowAllEnqueuesAtEveryTickAndTheJobsRunSideBySide() {
		threeTicks("overlap-allow", OverlapPolicy.ALLOW_ALL);

		assertThat(jobsOf(this.name)).hasSize(3);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jobsOf(this.name).stream().allMatch((job) -> job.state() == JobState.ACTIVE));
	}

	@Test
	void cancelOtherCancelsTheRunningJobAndStartsTheNewOne() {
		threeTicks("overlap-cancel", OverlapPolicy.CANCEL_OTHER);

		List<Job> jobs = jobsOf(this.name);
		assertThat(jobs).hasSize(3);
		assertThat(jobs.subList(0, 2)).extracting(Job::state).containsOnly(JobState.CANCELLED);
		assertThat(jobs.get(0).failures()).as("a cancel spends no attempt").isEmpty();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jobs.find(jobs.get(2).id()).orElseThrow().state() == JobState.ACTIVE);
		assertThat(jobs.get(1).createdAt()).isAfterOrEqualTo(jobs.get(0).finishedAt());
	}

	@Test
	void theOverlapPolicyCanBeChangedAndIsKept() {
		this.name = "overlap-update";
		this.schedules.create(ScheduleRequest.of(this.name, "probe", "0 0 3 * * ?"));

		Schedule updated = this.schedules.update(this.name,
				ScheduleUpdate.none().overlapPolicy(OverlapPolicy.BUFFER_ONE));
		Schedule other = this.schedules.update(this.name, ScheduleUpdate.none().description("nightly"));

		assertThat(updated.overlapPolicy()).isEqualTo(OverlapPolicy.BUFFER_ONE);
		assertThat(other.overlapPolicy()).isEqualTo(OverlapPolicy.BUFFER_ONE);
		assertThat(this.schedules.find(this.name).orElseThrow().overlapPolicy()).isEqualTo(OverlapPolicy.BUFFER_ONE);
	}

	/**
	 * Creates a schedule of a minute-long probe that ticks at three consecutive seconds,
	 * and waits until the third tick has been handled.
	 * @return the third tick
	 */
	private Instant threeTicks(String name, OverlapPolicy policy) {
		this.name = name;
		OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
		int second = first.getSecond();
		String cron = second + "," + ((second + 1) % 60) + "," + ((second + 2) % 60) + " * * * * ?";
		ScheduleRequest request = ScheduleRequest.of(name, "probe", cron).withPayload(LONG_JOB);
		this.schedules.create((policy != null) ? request.withOverlapPolicy(policy) : request);
		Instant third = first.plusSeconds(2).toInstant();
		await().atMost(Duration.ofSeconds(20)).until(() -> third.equals(lastFiredFor(name)));
		return third;
	}

	private Instant lastFiredFor(String name) {
		OffsetDateTime time = this.jdbc.sql("SELECT last_fired_for FROM schedule_meta WHERE name = ?")
			.param(name)
			.query(OffsetDateTime.class)
			.optional()
			.orElse(null);
		return (time != null) ? time.toInstant() : null;
	}

	private List<Job> jobsOf(String name) {
		return this.jdbc.sql("SELECT id FROM job WHERE schedule_name = ? ORDER BY id")
			.param(name)
			.query(Long.class)
			.list()
			.stream()
			.map((id) -> this.jobs.find(id).orElseThrow())
			.toList();
	}

	private double skipped() {
		return this.meters.get("batchyard.schedule.firings.skipped").counter().count();
	}

}
