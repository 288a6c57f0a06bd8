package dev.batchyard.schema;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.TestServers;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The PostgreSQL migrations on a real PostgreSQL 17, each test on a fresh database: the
 * same tables and views as on H2 plus the PostgreSQL-only views, the partial dedupe
 * index, Quartz with its PostgreSQL delegate, and the claim plan of the README's
 * "Architecture", decision 1.
 *
 * @author Batchyard
 */
class SchemaMigrationIntegrationTests {

	static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);

	/** The claim query with literal values, as EXPLAIN needs them. */
	static final String CLAIM_WITH_LITERALS = "SELECT id FROM job WHERE queue_name = 'email' "
			+ "AND state IN ('waiting','delayed') AND run_at <= TIMESTAMP WITH TIME ZONE '2030-01-01 00:00:00+00' "
			+ "ORDER BY priority, run_at, id LIMIT 10 FOR UPDATE SKIP LOCKED";

	private String url;

	private DriverManagerDataSource dataSource;

	private JdbcTemplate jdbc;

	private MigrateResult migration;

	@BeforeEach
	void migrateAFreshDatabase(TestInfo test) {
		String name = "schema_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
		this.url = TestServers.freshPostgresDatabase(name.substring(0, Math.min(name.length(), 63)));
		this.dataSource = new DriverManagerDataSource(this.url, "postgres", "postgres");
		this.migration = Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/postgresql")
			.load()
			.migrate();
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	@Test
	void anUpgradeMovesTheResultsOfCompletedJobsOntoTheirRows() {
		ResultMigrationCheck.movesResultsOntoTheirJobRows(
				new DriverManagerDataSource(TestServers.freshPostgresDatabase("schema_results_move_to_the_job_row"),
						"postgres", "postgres"),
				"classpath:db/migration/postgresql");
	}

	@Test
	void theMigrationsApplyCleanlyWithTheSameVersionsAsOnH2() {
		assertThat(this.migration.success).isTrue();
		assertThat(this.migration.migrations).extracting((migration) -> migration.version)
			.containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14");
	}

	@Test
	void onlyFinishedJobsTakeAnEntryInTheRetentionAndFinishedSearchIndexes() {
		List<String> definitions = this.jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename = 'job'"
				+ " AND indexname IN ('job_finished_idx', 'job_queue_finished_idx')", String.class);

		assertThat(definitions).hasSize(2)
			.allSatisfy((definition) -> assertThat(definition).contains("WHERE")
				.contains("'completed'")
				.contains("'failed'")
				.contains("'cancelled'")
				.doesNotContain("'active'"));
	}

	@Test
	void everyTableAndViewExistsIncludingThePostgresqlOnlyViews() {
		List<String> tables = this.jdbc.queryForList(
				"SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
				String.class);
		List<String> views = this.jdbc.queryForList(
				"SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'VIEW'",
				String.class);
		assertThat(tables).containsAll(SchemaMigrationTests.TABLES);
		assertThat(views).containsAll(SchemaMigrationTests.COMMON_VIEWS)
			.contains("job_processing_percentiles", "job_failure_rates")
			.hasSize(SchemaMigrationTests.COMMON_VIEWS.size() + 2);
	}

	@Test
	void theCommonViewsGiveTheSameAnswersAsOnH2() {
		long failed = SchemaFixtures.aMixOfJobs(this.jdbc, NOW);
		assertThat(this.jdbc.queryForMap("SELECT * FROM queue_stats WHERE queue_name = 'email'"))
			.containsEntry("waiting", 2L)
			.containsEntry("delayed", 1L)
			.containsEntry("active", 1L)
			.containsEntry("completed", 3L)
			.containsEntry("failed", 1L)
			.containsEntry("cancelled", 1L);
		assertThat(this.jdbc.queryForList("SELECT * FROM jobs_failed_details")).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("id", failed)
				.containsEntry("failed_attempt", 2)
				.containsEntry("error_message", "SMTP 554 again"));
		assertThat(this.jdbc.queryForList("SELECT attempt FROM recent_failures", Integer.class)).containsExactly(2, 1);
		assertThat(this.jdbc.queryForObject("SELECT avg_duration_ms FROM job_type_stats WHERE type = 'send-email'",
				Double.class))
			.isEqualTo(200.0);
	}

	@Test
	void processingPercentilesInterpolateOverCompletedJobs() {
		for (long durationMs = 100; durationMs <= 1000; durationMs += 100) {
			long id = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, null);
			SchemaFixtures.complete(this.jdbc, id, NOW, durationMs);
		}
		long stillRunning = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, null);
		this.jdbc.update("UPDATE job SET state = 'active' WHERE id = ?", stillRunning);
		Map<String, Object> email = this.jdbc
			.queryForMap("SELECT * FROM job_processing_percentiles WHERE queue_name = 'email' AND type = 'send-email'");
		assertThat(email).containsEntry("completed", 10L);
		assertThat((Double) email.get("p50_ms")).isCloseTo(550.0, within(0.001));
		assertThat((Double) email.get("p95_ms")).isCloseTo(955.0, within(0.001));
		assertThat((Double) email.get("p99_ms")).isCloseTo(991.0, within(0.001));
	}

	@Test
	void failureRatesCompareFailedWithFinishedJobsInTheLastDayAndHour() {
		for (int i = 0; i < 3; i++) {
			long id = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, null);
			SchemaFixtures.complete(this.jdbc, id, NOW.minusMinutes(10), 50);
		}
		long recentFailure = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, null);
		this.jdbc.update("UPDATE job SET state = 'failed', finished_at = ? WHERE id = ?", NOW.minusMinutes(5),
				recentFailure);
		long olderFailure = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, null);
		this.jdbc.update("UPDATE job SET state = 'failed', finished_at = ? WHERE id = ?", NOW.minusHours(3),
				olderFailure);
		long yesterday = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, null);
		this.jdbc.update("UPDATE job SET state = 'failed', finished_at = ? WHERE id = ?", NOW.minusDays(2), yesterday);
		Map<String, Object> email = this.jdbc.queryForMap("SELECT * FROM job_failure_rates WHERE queue_name = 'email'");
		assertThat(email).containsEntry("failed_24h", 2L)
			.containsEntry("finished_24h", 5L)
			.containsEntry("failure_rate_24h", 0.4)
			.containsEntry("failed_1h", 1L)
			.containsEntry("finished_1h", 4L)
			.containsEntry("failure_rate_1h", 0.25);
	}

	@Test
	void aSecondUnfinishedJobWithTheSameDedupeKeyIsRejected() {
		SchemaFixtures.assertOneUnfinishedJobPerDedupeKey(this.jdbc, NOW);
	}

	@Test
	void onceTheFirstIsCompletedANewJobWithTheSameDedupeKeyIsAccepted() {
		long first = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, "order-7");
		this.jdbc.update("UPDATE job SET state = 'completed', finished_at = ? WHERE id = ?", NOW, first);
		assertThat(SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 5, NOW, "order-7")).isGreaterThan(first);
	}

	@Test
	void theClaimQueryReturnsReadyJobsInPriorityThenRunAtThenIdOrder() {
		long low = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 7, NOW.minusMinutes(5), null);
		long criticalLater = SchemaFixtures.insertJob(this.jdbc, "email", "delayed", 1, NOW.minusMinutes(1), null);
		long criticalEarlier = SchemaFixtures.insertJob(this.jdbc, "email", "waiting", 1, NOW.minusMinutes(2), null);
		SchemaFixtures.insertJob(this.jdbc, "email", "delayed", 1, NOW.plusMinutes(5), null);
		SchemaFixtures.insertJob(this.jdbc, "email", "completed", 1, NOW.minusMinutes(9), null);
		assertThat(this.jdbc.queryForList(SchemaMigrationTests.CLAIM, Long.class, "email", NOW, 10))
			.containsExactly(criticalEarlier, criticalLater, low);
		assertThat(this.jdbc.queryForObject("SELECT min(id) FROM job", Long.class)).isOne();
	}

	@Test
	void theClaimStaysOnItsPartialIndexWhenTheAnalyzedTableIsEmpty() {
		this.jdbc.execute("ANALYZE job");
		assertThat(this.jdbc.queryForObject("SELECT reltuples FROM pg_class WHERE relname = 'job'", Double.class))
			.isZero();
		assertThat(claimPlan()).contains("Index Scan using job_claim_idx on job").doesNotContain("Seq Scan");
	}

	@Test
	void theClaimStaysOnItsPartialIndexWhenTheTableHoldsOnlyFinishedJobs() {
		this.jdbc.update("INSERT INTO job (queue_name, type, state, finished_at) "
				+ "SELECT 'email', 'send-email', 'completed', now() - n * INTERVAL '1 second' "
				+ "FROM generate_series(1, 10000) AS n");
		this.jdbc.execute("ANALYZE job");
		assertThat(claimPlan()).contains("Index Scan using job_claim_idx on job").doesNotContain("Seq Scan");
	}

	@Test
	void quartzStoresAndFiresAJobThroughThePostgresqlDelegate() throws Exception {
		QuartzStoreCheck.schedulesStoresAndFires(this.url, "postgres", "postgres",
				"org.quartz.impl.jdbcjobstore.PostgreSQLDelegate", this.jdbc);
	}

	@Test
	void springBatchRecordsAJobInstanceAndExecution() throws Exception {
		BatchRepositoryCheck.createsInstanceExecutionAndStep(this.dataSource);
	}

	@Test
	void batchForeignKeysAreIndexed() {
		List<String> indexes = this.jdbc.queryForList(
				"SELECT lower(indexname) FROM pg_indexes WHERE schemaname = 'public' AND tablename LIKE 'batch_%'",
				String.class);
		assertThat(indexes).contains("batch_job_execution_instance_idx", "batch_job_execution_params_execution_idx",
				"batch_step_execution_execution_idx", "batch_job_instance_name_idx");
	}

	private String claimPlan() {
		return String.join("\n", this.jdbc.queryForList("EXPLAIN " + CLAIM_WITH_LITERALS, String.class));
	}

}
