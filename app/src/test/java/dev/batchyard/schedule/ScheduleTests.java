package dev.batchyard.schedule;

import java.text.ParseException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.batchyard.catalog.QueueNotFoundException;
import dev.batchyard.catalog.probe.ProbeJobType;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = {
		"spring.datasource.url=jdbc:h2:mem:schedule-tests;DB_CLOSE_DELAY=-1", "batchyard.engine.poll-interval=200ms" })
class ScheduleTests {

	private static final String DAILY = "0 0 3 * * ?";

	@Autowired
	Schedules schedules;

	@Autowired
	Jobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCronQuartzCannotParseIsRefusedWithTheParsersMessageAndNothingIsStored() {
		String cron = "0 61 * * * ?";
		String parserMessage = parserMessage(cron);

		InvalidCronException ex = catchThrowableOfType(InvalidCronException.class,
				() -> this.schedules.create(aProbeSchedule("bad-cron", cron)));

		assertThat(ex.argument()).isEqualTo("cron");
		assertThat(ex.cron()).isEqualTo(cron);
		assertThat(ex.getMessage()).contains(parserMessage);
		assertThat(metaRows("bad-cron")).isZero();
		assertThat(triggerRows("bad-cron")).isZero();
	}

	@Test
	void aFiveFieldUnixCronIsRefusedBecauseQuartzWantsSeconds() {
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> this.schedules.create(aProbeSchedule("unix-cron", "0 3 * * *")));
		assertThat(metaRows("unix-cron")).isZero();
	}

	@Test
	void aCronThatNeverFiresIsRefused() {
		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> this.schedules.create(aProbeSchedule("never", "0 0 0 30 2 ? 2020")))
			.withMessageContaining("never fires");
	}

	@Test
	void anUnknownTimezoneTypeOrQueueIsRefusedAndNothingIsStored() {
		assertThat(catchThrowableOfType(InvalidScheduleException.class,
				() -> this.schedules.create(aProbeSchedule("bad-zone", DAILY).inTimezone("Mars/Olympus")))
			.argument()).isEqualTo("timezone");
		assertThat(catchThrowableOfType(InvalidScheduleException.class,
				() -> this.schedules.create(ScheduleRequest.of("bad-type", "no-such-type", DAILY)))
			.argument()).isEqualTo("type");
		assertThatExceptionOfType(QueueNotFoundException.class)
			.isThrownBy(() -> this.schedules.create(aProbeSchedule("bad-queue", DAILY).onQueue("no-such-queue")));
		assertThat(catchThrowableOfType(InvalidScheduleException.class,
				() -> this.schedules.create(aProbeSchedule("bad name!", DAILY)))
			.argument()).isEqualTo("name");
		assertThat(catchThrowableOfType(InvalidScheduleException.class,
				() -> this.schedules.create(aProbeSchedule("bad-payload", DAILY).withPayload("{\"sleepMs\": \"x\"}")))
			.argument()).isEqualTo("payload.sleepMs");
		assertThat(catchThrowableOfType(InvalidScheduleException.class,
				() -> this.schedules.create(aProbeSchedule("bad-priority", DAILY).withPriority(11)))
			.argument()).isEqualTo("priority");
		for (String name : new String[] { "bad-zone", "bad-type", "bad-queue", "bad-payload", "bad-priority" }) {
			assertThat(metaRows(name)).isZero();
			assertThat(triggerRows(name)).isZero();
		}
	}

	@Test
	void aSecondScheduleWithTheSameNameIsRefusedAndTheFirstStaysAsItWas() {
		this.schedules.create(aProbeSchedule("twice", DAILY).withDescription("first"));

		assertThatExceptionOfType(ScheduleAlreadyExistsException.class)
			.isThrownBy(() -> this.schedules.create(aProbeSchedule("twice", "0 0 4 * * ?")))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("name"));

		Schedule first = this.schedules.find("twice").orElseThrow();
		assertThat(first.cron()).isEqualTo(DAILY);
		assertThat(first.description()).isEqualTo("first");
		assertThat(triggerCron("twice")).isEqualTo(DAILY);
	}

	@Test
	void aNewScheduleHasItsDefaultsAndANextRunInItsTimezone() {
		Schedule schedule = this.schedules
			.create(aProbeSchedule("tokyo-noon", "0 0 12 * * ?").inTimezone("Asia/Tokyo").onQueue("high-priority"));

		assertThat(schedule.enabled()).isTrue();
		assertThat(schedule.priority()).isEqualTo(3);
		assertThat(schedule.payload()).isEqualTo("{}");
		assertThat(schedule.runCount()).isZero();
		assertThat(schedule.lastRunAt()).isNull();
		ZonedDateTime next = schedule.nextRunAt().atZone(ZoneId.of("Asia/Tokyo"));
		assertThat(next.getHour()).isEqualTo(12);
		assertThat(next.getMinute()).isZero();
		assertThat(this.schedules.all()).extracting(Schedule::name).contains("tokyo-noon");
		assertThat(triggerPriority("tokyo-noon")).isEqualTo(8);
	}

	@Test
	void anUpdateChangesTheCronAndTheNextRunAndABadUpdateChangesNothing() {
		this.schedules.create(aProbeSchedule("nightly", DAILY));

		Schedule updated = this.schedules.update("nightly",
				ScheduleUpdate.none().cron("0 30 4 * * ?").priority(1).description("moved"));

		assertThat(updated.cron()).isEqualTo("0 30 4 * * ?");
		assertThat(updated.priority()).isEqualTo(1);
		assertThat(updated.description()).isEqualTo("moved");
		ZonedDateTime next = updated.nextRunAt().atZone(ZoneId.of("UTC"));
		assertThat(next.getHour()).isEqualTo(4);
		assertThat(next.getMinute()).isEqualTo(30);
		assertThat(triggerCron("nightly")).isEqualTo("0 30 4 * * ?");
		assertThat(triggerPriority("nightly")).isEqualTo(10);

		assertThatExceptionOfType(InvalidCronException.class)
			.isThrownBy(() -> this.schedules.update("nightly", ScheduleUpdate.none().cron("nonsense").priority(2)));
		assertThat(this.schedules.find("nightly").orElseThrow()).isEqualTo(updated);
		assertThat(triggerCron("nightly")).isEqualTo("0 30 4 * * ?");
	}

	@Test
	void anUnknownNameIsScheduleNotFound() {
		assertThatExceptionOfType(ScheduleNotFoundException.class)
			.isThrownBy(() -> this.schedules.update("missing", ScheduleUpdate.none().cron(DAILY)));
		assertThatExceptionOfType(ScheduleNotFoundException.class).isThrownBy(() -> this.schedules.delete("missing"));
		assertThatExceptionOfType(ScheduleNotFoundException.class).isThrownBy(() -> this.schedules.enable("missing"));
		assertThatExceptionOfType(ScheduleNotFoundException.class).isThrownBy(() -> this.schedules.disable("missing"));
		assertThatExceptionOfType(ScheduleNotFoundException.class).isThrownBy(() -> this.schedules.trigger("missing"));
		assertThat(this.schedules.find("missing")).isEmpty();
	}

	@Test
	void deleteRemovesTheScheduleAndItsQuartzJobAndTrigger() {
		this.schedules.create(aProbeSchedule("doomed", DAILY));
		assertThat(triggerRows("doomed")).isOne();

		this.schedules.delete("doomed");

		assertThat(this.schedules.find("doomed")).isEmpty();
		assertThat(metaRows("doomed")).isZero();
		assertThat(triggerRows("doomed")).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = ?")
			.param("doomed")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void triggerNowEnqueuesExactlyOneJobWithTheSchedulesNameAndPriority() {
		this.schedules.create(aProbeSchedule("on-demand", DAILY).withPriority(2).withPayload("{\"sleepMs\": 1}"));

		Job job = this.schedules.trigger("on-demand");

		assertThat(job.priority()).isEqualTo(2);
		assertThat(job.type()).isEqualTo(ProbeJobType.NAME);
		assertThat(job.queueName()).isEqualTo("default");
		assertThat(job.payload()).isEqualTo("{\"sleepMs\": 1}");
		assertThat(jobsOf("on-demand")).isOne();
		assertThat(this.jdbc.sql("SELECT schedule_name FROM job WHERE id = ?")
			.param(job.id())
			.query(String.class)
			.single()).isEqualTo("on-demand");
		Schedule schedule = this.schedules.find("on-demand").orElseThrow();
		assertThat(schedule.runCount()).isOne();
		assertThat(schedule.lastRunAt()).isNotNull();
		awaitCompleted(job.id());
	}

	@Test
	void aDisabledScheduleCanBeTriggeredAndIsCreatedPaused() {
		Schedule created = this.schedules.create(aProbeSchedule("created-off", "*/1 * * * * ?").disabled());

		assertThat(created.enabled()).isFalse();
		assertThat(created.nextRunAt()).isNull();
		assertThat(triggerState("created-off")).isEqualTo("PAUSED");
		this.schedules.trigger("created-off");
		assertThat(jobsOf("created-off")).isOne();
	}

	@Test
	void anEverySecondScheduleFiresJobsTheEngineCompletesUntilDisabledAndAgainOnceEnabled() {
		this.schedules.create(aProbeSchedule("every-second", "*/1 * * * * ?"));

		await().atMost(Duration.ofSeconds(20)).until(() -> completedJobsOf("every-second") >= 3);
		Schedule running = this.schedules.find("every-second").orElseThrow();
		assertThat(running.runCount()).isGreaterThanOrEqualTo(3);
		assertThat(running.lastRunAt()).isNotNull();
		assertThat(running.nextRunAt()).isAfter(running.lastRunAt());

		Schedule disabled = this.schedules.disable("every-second");
		long firedBeforeDisable = jobsOf("every-second");

		assertThat(disabled.enabled()).isFalse();
		assertThat(disabled.nextRunAt()).isNull();
		assertThat(triggerState("every-second")).isEqualTo("PAUSED");
		await().during(Duration.ofMillis(2500))
			.atMost(Duration.ofSeconds(4))
			.until(() -> jobsOf("every-second") == firedBeforeDisable);
		assertThat(this.schedules.find("every-second").orElseThrow().runCount()).isEqualTo(firedBeforeDisable);

		Schedule enabled = this.schedules.enable("every-second");

		assertThat(enabled.enabled()).isTrue();
		assertThat(enabled.nextRunAt()).isNotNull();
		await().atMost(Duration.ofSeconds(10)).until(() -> jobsOf("every-second") > firedBeforeDisable);
		this.schedules.delete("every-second");
	}

	private static ScheduleRequest aProbeSchedule(String name, String cron) {
		return ScheduleRequest.of(name, ProbeJobType.NAME, cron);
	}

	private static String parserMessage(String cron) {
		try {
			CronExpression.validateExpression(cron);
			throw new AssertionError(cron + " should not parse");
		}
		catch (ParseException ex) {
			return ex.getMessage();
		}
	}

	private void awaitCompleted(long id) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jobs.find(id).orElseThrow().state() == JobState.COMPLETED);
	}

	private long jobsOf(String schedule) {
		return this.jdbc.sql("SELECT COUNT(*) FROM job WHERE schedule_name = ?")
			.param(schedule)
			.query(Long.class)
			.single();
	}

	private long completedJobsOf(String schedule) {
		return this.jdbc.sql("SELECT COUNT(*) FROM job WHERE schedule_name = ? AND state = 'completed'")
			.param(schedule)
			.query(Long.class)
			.single();
	}

	private long metaRows(String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM schedule_meta WHERE name = ?")
			.param(name)
			.query(Long.class)
			.single();
	}

	private long triggerRows(String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ?")
			.param(name)
			.query(Long.class)
			.single();
	}

	private String triggerCron(String name) {
		return this.jdbc.sql("SELECT CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = ?")
			.param(name)
			.query(String.class)
			.single();
	}

	private int triggerPriority(String name) {
		return this.jdbc.sql("SELECT PRIORITY FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ?")
			.param(name)
			.query(Integer.class)
			.single();
	}

	private String triggerState(String name) {
		return this.jdbc.sql("SELECT TRIGGER_STATE FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ?")
			.param(name)
			.query(String.class)
			.single();
	}

}
