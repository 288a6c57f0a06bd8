package dev.batchyard.schema;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The H2 migrations (the embedded default), run with plain Flyway on a fresh in-memory
 * database per test: what they create, the rules they enforce, and that Quartz and Spring
 * Batch can work on the tables.
 *
 * @author Batchyard
 */
class SchemaMigrationTests {

	static final List<String> TABLES = List.of("job", "job_log", "job_failure", "schedule_meta", "queue_state",
			"rate_limit_override", "alert", "metric_snapshot", "scaling_decision", "node", "audit_log", "api_token",
			"qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_simprop_triggers",
			"qrtz_blob_triggers", "qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_fired_triggers",
			"qrtz_scheduler_state", "qrtz_locks", "batch_job_instance", "batch_job_execution",
			"batch_job_execution_params", "batch_step_execution", "batch_step_execution_context",
			"batch_job_execution_context");

	static final List<String> COMMON_VIEWS = List.of("job_result", "jobs_active", "jobs_failed_details", "queue_stats",
			"job_type_stats", "recent_failures", "scheduled_jobs_overview");

	static final String CLAIM = "SELECT id FROM job WHERE queue_name = ? AND state IN ('waiting','delayed') "
			+ "AND run_at <= ? ORDER BY priority, run_at, id LIMIT ? FOR UPDATE SKIP LOCKED";

	static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);

	private String url;

	private DriverManagerDataSource dataSource;

	private JdbcTemplate jdbc;

	private MigrateResult migration;

	@BeforeEach
	void migrateAFreshDatabase(TestInfo test) {
		this.url = "jdbc:h2:mem:" + test.getTestMethod().orElseThrow().getName() + ";DB_CLOSE_DELAY=-1";
		this.dataSource = new DriverManagerDataSource(this.url, "sa", "");
		this.migration = Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/h2")
			.load()
			.migrate();
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	@Test
	void anUpgradeMovesTheResultsOfCompletedJobsOntoTheirRows() {
		ResultMigrationCheck.movesResultsOntoTheirJobRows(
				new DriverManagerDataSource("jdbc:h2:mem:resultsMoveToTheJobRow;DB_CLOSE_DELAY=-1", "sa", ""),
				"classpath:db/migration/h2");
	}

	@Test
	void theMigrationsApplyCleanlyInVersionOrder() {
		assertThat(this.migration.success).isTrue();
		assertThat(this.migration.migrations).extracting((migration) -> migration.version)
			.containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14");
		assertThat(Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/h2")
			.load()
			.migrate().migrationsExecuted).isZero();
	}

	@Test
	void everyTableAndViewExists() {
		List<String> tables = this.jdbc.queryForList(
				"SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'",
				String.class);
		List<String> views = this.jdbc.queryForList(
				"SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'VIEW'",
				String.class);
		assertThat(tables).containsAll(TABLES);
		assertThat(views).containsExactlyInAnyOrderElementsOf(COMMON_VIEWS);
	}

	@Test
	void queueStatsCountsEachQueueByState() {
		SchemaFixtures.aMixOfJobs(this.jdbc, NOW);
		Map<String, Object> email = this.jdbc.queryForMap("SELECT * FROM queue_stats WHERE queue_name = 'email'");
		assertThat(email).containsEntry("waiting", 2L)
			.containsEntry("delayed", 1L)
			.containsEntry("active", 1L)
			.containsEntry("completed", 3L)
			.containsEntry("failed", 1L)
			.containsEntry("cancelled", 1L)
			.containsEntry("total", 9L);
		assertThat(this.jdbc.queryForObject(
				"SELECT oldest_waiting_created_at FROM queue_stats WHERE queue_name = 'email'", OffsetDateTime.class))
			.isEqualTo(NOW.minusMinutes(10));
		assertThat(this.jdbc.queryForObject("SELECT waiting FROM queue_stats WHERE queue_name = 'reports'", Long.class))
			.isOne();
	}

	@Test
	void aFailedJobIsShownWithItsLastFailure() {
		long failed = SchemaFixtures.aMixOfJobs(this.jdbc, NOW);
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT * FROM jobs_failed_details");
		assertThat(rows).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("id", failed)
				.containsEntry("failed_attempt", 2)
				.containsEntry("error_message", "SMTP 554 again")
				.containsEntry("timed_out", true));
	}

	@Test
	void recentFailuresListsTheLastDayNewestFirst() {
		long failed = SchemaFixtures.aMixOfJobs(this.jdbc, NOW);
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT job_id, attempt FROM recent_failures");
		assertThat(rows).extracting((row) -> row.get("attempt")).containsExactly(2, 1);
		assertThat(rows).extracting((row) -> row.get("job_id")).containsOnly(failed);
	}

	@Test
	void jobTypeStatsAveragesTheDurationOfCompletedJobs() {
		SchemaFixtures.aMixOfJobs(this.jdbc, NOW);
		Map<String, Object> email = this.jdbc.queryForMap("SELECT * FROM job_type_stats WHERE type = 'send-email'");
		assertThat(email).containsEntry("completed", 3L).containsEntry("avg_duration_ms", 200.0);
	}

	@Test
	void theSchedulesOverviewCountsTheJobsAScheduleEnqueued() {
		SchemaFixtures.aMixOfJobs(this.jdbc, NOW);
		this.jdbc.update("INSERT INTO schedule_meta (name, type, queue_name, cron) VALUES (?, ?, ?, ?)", "nightly",
				"send-email", "email", "0 0 2 * * ?");
		this.jdbc.update("UPDATE job SET schedule_name = 'nightly' WHERE queue_name = 'email' AND state = 'completed'");
		Map<String, Object> nightly = this.jdbc.queryForMap("SELECT * FROM scheduled_jobs_overview");
		assertThat(nightly).containsEntry("name", "nightly")
			.containsEntry("jobs_total", 3L)
			.containsEntry("jobs_completed", 3L)
			.containsEntry("enabled", true);
	}

	@Test
	void aSecondUnfinishedJobWithTheSameDedupeKeyIsRejected() {
		SchemaFixtures.assertOneUnfinishedJobPerDedupeKey(this.jdbc, NOW);
	}

	@Test
	void onceTheFirstIsCompletedANewJobWithTheSameDedupeKeyIsAccepted() {
		long first = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, "order-7");
		this.jdbc.update("UPDATE job SET state = 'completed', finished_at = ? WHERE id = ?", NOW, first);
		long second = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, "order-7");
		this.jdbc.update("UPDATE job SET state = 'failed', finished_at = ? WHERE id = ?", NOW, second);
		assertThat(SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, "order-7")).isGreaterThan(second);
	}

	@Test
	void theClaimQueryReturnsReadyJobsInPriorityThenRunAtThenIdOrder() {
		long low = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 7, NOW.minusMinutes(5), null);
		long criticalLater = SchemaFixtures.insertJob(this.jdbc, "email", "delayed", 1, NOW.minusMinutes(1), null);
		long criticalEarlier = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 1, NOW.minusMinutes(2), null);
		long criticalSameTime = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 1, NOW.minusMinutes(1), null);
		SchemaFixtures.insertJob(this.jdbc, "email", "delayed", 1, NOW.plusMinutes(5), null);
		SchemaFixtures.insertJob(this.jdbc, "email", "active", 1, NOW.minusMinutes(9), null);
		SchemaFixtures.insertJob(this.jdbc, "email", "completed", 1, NOW.minusMinutes(9), null);
		SchemaFixtures.insertJob(this.jdbc, "reports", "waiting", 1, NOW.minusMinutes(9), null);
		List<Long> claimed = this.jdbc.queryForList(CLAIM, Long.class, "email", NOW, 10);
		assertThat(claimed).containsExactly(criticalEarlier, criticalLater, criticalSameTime, low);
		assertThat(this.jdbc.queryForList(CLAIM, Long.class, "email", NOW, 2)).containsExactly(criticalEarlier,
				criticalLater);
	}

	@Test
	void quartzStoresAndFiresAJobInItsTables() throws Exception {
		QuartzStoreCheck.schedulesStoresAndFires(this.url, "sa", "", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate",
				this.jdbc);
	}

	@Test
	void springBatchRecordsAJobInstanceAndExecution() throws Exception {
		BatchRepositoryCheck.createsInstanceExecutionAndStep(this.dataSource);
	}

	@Test
	void deletingAJobDeletesItsLogAndFailures() {
		long failed = SchemaFixtures.aMixOfJobs(this.jdbc, NOW);
		this.jdbc.update("INSERT INTO job_log (job_id, seq, line) VALUES (?, 1, 'starting')", failed);
		this.jdbc.update("DELETE FROM job WHERE id = ?", failed);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM job_failure WHERE job_id = ?", Integer.class, failed))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM job_log WHERE job_id = ?", Integer.class, failed))
			.isZero();
	}

	@Test
	void aJobOutsideItsAllowedValuesIsRejected() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> SchemaFixtures.insertJob(this.jdbc, "email", "sleeping", 5, NOW, null));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 11, NOW, null));
	}

}
