package dev.batchyard.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = {
		"spring.datasource.url=jdbc:h2:mem:retention-tests;DB_CLOSE_DELAY=-1", "batchyard.retention.batch-size=2" })
class RetentionTests {

	@Autowired
	Retention retention;

	@Autowired
	RetentionProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Jobs jobs;

	@Autowired
	QueueControls queueControls;

	@Autowired
	JobRepository jobRepository;

	private final Instant now = Instant.now();

	@BeforeEach
	void emptyTheJobTable() {
		this.jdbc.sql("DELETE FROM job WHERE queue_name = 'retention-test'").update();
	}

	@Test
	void theBriefsHorizonsAreTheDefaults() {
		assertThat(this.properties.completedAfter()).isEqualTo(Duration.ofHours(24));
		assertThat(this.properties.failedAfter()).isEqualTo(Duration.ofDays(7));
	}

	@Test
	void completedJobsOlderThanADayAreDeletedWithTheirResultsFailuresAndLogsInBatches() {
		long[] old = { finished("completed", ago(25, ChronoUnit.HOURS)), finished("completed", ago(3, ChronoUnit.DAYS)),
				finished("completed", ago(30, ChronoUnit.DAYS)), finished("completed", ago(48, ChronoUnit.HOURS)),
				finished("completed", ago(26, ChronoUnit.HOURS)) };
		long recent = finished("completed", ago(23, ChronoUnit.HOURS));
		withResultFailureAndLog(old[0]);
		withResultFailureAndLog(recent);

		RetentionRun run = this.retention.purge();

		assertThat(run.completedDeleted()).isEqualTo(5);
		for (long id : old) {
			assertThat(exists(id)).isFalse();
		}
		assertThat(exists(recent)).isTrue();
		assertThat(rows("job_result", old[0]) + rows("job_failure", old[0]) + rows("job_log", old[0])).isZero();
		assertThat(rows("job_result", recent) + rows("job_failure", recent) + rows("job_log", recent)).isEqualTo(3);
	}

	@Test
	void failedJobsAreKeptForSevenDays() {
		long old = finished("failed", ago(8, ChronoUnit.DAYS));
		long recent = finished("failed", ago(6, ChronoUnit.DAYS));
		long yesterday = finished("failed", ago(2, ChronoUnit.DAYS));

		RetentionRun run = this.retention.purge();

		assertThat(run.failedDeleted()).isOne();
		assertThat(exists(old)).isFalse();
		assertThat(exists(recent)).isTrue();
		assertThat(exists(yesterday)).isTrue();
	}

	@Test
	void unfinishedAndCancelledJobsAreNeverDeletedHoweverOld() {
		long cancelled = finished("cancelled", ago(60, ChronoUnit.DAYS));
		long delayed = insert("delayed", null, this.now.plus(1, ChronoUnit.DAYS), ago(60, ChronoUnit.DAYS));
		long active = insert("active", null, ago(60, ChronoUnit.DAYS), ago(60, ChronoUnit.DAYS));

		RetentionRun run = this.retention.purge();

		assertThat(run.completedDeleted() + run.failedDeleted()).isZero();
		assertThat(exists(cancelled)).isTrue();
		assertThat(exists(delayed)).isTrue();
		assertThat(exists(active)).isTrue();
	}

	@Test
	void springBatchRecordsGoWithTheirJobWhetherRetentionOrADeleteRemovedIt() {
		long old = completedThreeStepProbe();
		long deleted = completedThreeStepProbe();
		long kept = completedThreeStepProbe();
		this.jdbc.sql("UPDATE job SET finished_at = ? WHERE id = ?")
			.params(time(ago(25, ChronoUnit.HOURS)), old)
			.update();
		this.queueControls.delete(deleted);
		assertThat(BatchRecords.of(this.jdbc, old).stepExecutions()).isEqualTo(3);
		long instances = tableRows("BATCH_JOB_INSTANCE");
		long stepContexts = tableRows("BATCH_STEP_EXECUTION_CONTEXT");

		RetentionRun run = this.retention.purge();

		assertThat(run.completedDeleted()).isOne();
		assertThat(run.batchInstancesDeleted()).isEqualTo(2);
		assertThat(BatchRecords.of(this.jdbc, old)).isEqualTo(BatchRecords.NONE);
		assertThat(BatchRecords.of(this.jdbc, deleted)).isEqualTo(BatchRecords.NONE);
		assertThat(BatchRecords.of(this.jdbc, kept)).isEqualTo(new BatchRecords(1, 1, 3));
		assertThat(tableRows("BATCH_JOB_INSTANCE")).isEqualTo(instances - 2);
		assertThat(tableRows("BATCH_STEP_EXECUTION_CONTEXT")).isEqualTo(stepContexts - 6);
		assertThat(this.retention.purge().batchInstancesDeleted()).isZero();
	}

	@Test
	void anUnfinishedBatchExecutionOfAGoneJobIsKeptUntilAnHourWithoutUpdate() throws Exception {
		long goneJobId = Long.MAX_VALUE - 7;
		JobParameters parameters = new JobParametersBuilder().addLong("batchyard.job.id", goneJobId).toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("stopping-job", parameters);
		this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());

		assertThat(this.retention.purge().batchInstancesDeleted()).isZero();
		assertThat(BatchRecords.of(this.jdbc, goneJobId).instances()).isOne();

		this.jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ?, LAST_UPDATED = NULL WHERE JOB_INSTANCE_ID = ?")
			.params(LocalDateTime.now().minusMinutes(61), instance.getInstanceId())
			.update();
		assertThat(this.retention.purge().batchInstancesDeleted()).isOne();
		assertThat(BatchRecords.of(this.jdbc, goneJobId)).isEqualTo(BatchRecords.NONE);
	}

	@Test
	void theRetentionJobIsAClusteredQuartzJob() {
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM QRTZ_SIMPLE_TRIGGERS WHERE TRIGGER_NAME = 'retention'"
					+ " AND TRIGGER_GROUP = 'batchyard-maintenance' AND REPEAT_INTERVAL = ?")
			.param(this.properties.interval().toMillis())
			.query(Long.class)
			.single()).isOne();
		assertThat(this.jdbc.sql("SELECT IS_NONCONCURRENT FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = 'retention'")
			.query(Boolean.class)
			.single()).isTrue();
	}

	private long completedThreeStepProbe() {
		long id = this.jobs.enqueue(EnqueueRequest.of("probe", "{\"steps\": 3}")).job().id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jobs.find(id).orElseThrow().state() == JobState.COMPLETED);
		return id;
	}

	private long tableRows(String table) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	private Instant ago(long amount, ChronoUnit unit) {
		return this.now.minus(amount, unit);
	}

	private long finished(String state, Instant finishedAt) {
		return insert(state, finishedAt, finishedAt.minusSeconds(5), finishedAt.minusSeconds(10));
	}

	/**
	 * On a queue of its own with a future lease: no dispatcher or rescue of this node
	 * touches these rows.
	 */
	private long insert(String state, Instant finishedAt, Instant runAt, Instant createdAt) {
		this.jdbc
			.sql("INSERT INTO job (queue_name, type, state, run_at, created_at, finished_at, lease_expires_at)"
					+ " VALUES ('retention-test', 'probe', ?, ?, ?, ?, ?)")
			.params(state, time(runAt), time(createdAt), time(finishedAt), time(this.now.plus(1, ChronoUnit.DAYS)))
			.update();
		return this.jdbc.sql("SELECT MAX(id) FROM job").query(Long.class).single();
	}

	private void withResultFailureAndLog(long id) {
		this.jdbc.sql("UPDATE job SET result = '{}', duration_ms = 5 WHERE id = ?").param(id).update();
		this.jdbc.sql("INSERT INTO job_failure (job_id, attempt, error_message) VALUES (?, 1, 'boom')")
			.param(id)
			.update();
		this.jdbc.sql("INSERT INTO job_log (job_id, seq, line) VALUES (?, 1, 'hello')").param(id).update();
	}

	private boolean exists(long id) {
		return rows("job", id) > 0;
	}

	private long rows(String table, long id) {
		String column = table.equals("job") ? "id" : "job_id";
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

	private static OffsetDateTime time(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
