package dev.batchyard.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.support.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's one-statement completion of a batch of attempts: it records only the
 * attempts that still own their job, and finds the rows by primary key whatever the size
 * of the batch (a plan that joined the batch as a nested loop cost a tenth of a second
 * for a thousand jobs and stalled a drain).
 */
class CompletionIntegrationTests {

	private static final String NODE = "node-a";

	private JdbcTemplate template;

	private JobStore store;

	@BeforeEach
	void migrateAFreshDatabase() {
		String url = TestServers.freshPostgresDatabase("completion");
		Flyway.configure()
			.dataSource(url, "postgres", "postgres")
			.locations("classpath:db/migration/postgresql")
			.load()
			.migrate();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "postgres", "postgres");
		this.template = new JdbcTemplate(dataSource);
		this.store = new JobStore(JdbcClient.create(dataSource), this.template, true);
	}

	@Test
	void onlyAttemptsThatStillOwnTheirJobAreRecorded() {
		long owned = activeJob(NODE, 1);
		long retriedSince = activeJob(NODE, 2);
		long rescuedElsewhere = activeJob("node-b", 1);
		long cancelled = activeJob(NODE, 1);
		this.template.update("UPDATE job SET state = 'cancelled' WHERE id = ?", cancelled);

		List<CompletionWriter.Completion> written = this.store.completeAll(List.of(completion(owned, 1),
				completion(retriedSince, 1), completion(rescuedElsewhere, 1), completion(cancelled, 1)), NODE,
				Instant.now());

		assertThat(written).extracting((done) -> done.job().id()).containsExactly(owned);
		assertThat(state(owned)).isEqualTo("completed");
		assertThat(state(retriedSince)).isEqualTo("active");
		assertThat(state(rescuedElsewhere)).isEqualTo("active");
		assertThat(state(cancelled)).isEqualTo("cancelled");
		assertThat(this.template.queryForList("SELECT id FROM job WHERE result IS NOT NULL", Long.class))
			.containsExactly(owned);
		assertThat(this.template.queryForObject("SELECT result FROM job WHERE id = ?", String.class, owned))
			.isEqualTo("{\"done\":true}");
		assertThat(this.template.queryForObject("SELECT result FROM job_result WHERE job_id = ?", String.class, owned))
			.as("the job_result view of operators' queries")
			.isEqualTo("{\"done\":true}");
	}

	@Test
	void aBatchOfAThousandIsRecordedWhole() {
		List<CompletionWriter.Completion> batch = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			batch.add(completion(activeJob(NODE, 1), 1));
		}

		assertThat(this.store.completeAll(batch, NODE, Instant.now())).hasSize(1000);
		assertThat(this.template.queryForObject("SELECT count(*) FROM job WHERE state = 'completed'", Long.class))
			.isEqualTo(1000);
	}

	@Test
	void theGenericPlanFindsTheRowsByPrimaryKeyWithoutANestedLoopOverTheBatch() throws SQLException {
		this.template.update("INSERT INTO job (queue_name, type, state, priority, payload, max_attempts, backoff_type,"
				+ " backoff_delay_ms, backoff_max_delay_ms, run_at, created_at, attempts, node_id) SELECT 'default',"
				+ " 'probe', 'active', 5, '{}', 3, 'FIXED', 1000, 1000, now(), now(), 1, '" + NODE + "'"
				+ " FROM generate_series(1, 5000)");
		this.template.execute("ANALYZE job");
		String ids = LongStream.rangeClosed(1, 1000).mapToObj(Long::toString).collect(Collectors.joining(","));
		String ones = String.join(",", Collections.nCopies(1000, "1"));
		String sql = JobStore.COMPLETE_ALL_SQL;
		for (int i = 1; sql.contains("?"); i++) {
			sql = sql.replaceFirst("\\?", "\\$" + i);
		}

		String plan;
		try (Connection connection = this.template.getDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("SET plan_cache_mode = force_generic_plan");
			statement.execute("PREPARE complete(timestamptz, text[], bigint[], bigint[], bigint[], float8[],"
					+ " bigint[], bigint[], integer[], bigint[], varchar) AS " + sql);
			plan = explain(statement,
					"EXPLAIN (ANALYZE) EXECUTE complete(now(), '{" + ones + "}', '{" + ids + "}', '{" + ones + "}', '{"
							+ ids + "}', '{" + ones + "}', '{" + ids + "}', '{" + ids + "}', '{" + ones + "}', '{" + ids
							+ "}', '" + NODE + "')");
			connection.rollback();
		}

		assertThat(plan).contains("job_pkey").doesNotContain("Seq Scan on job").doesNotContain("Rows Removed by Join");
		assertThat(plan).containsPattern("Update on job j .*rows=1000 loops=1");
	}

	private long activeJob(String nodeId, int attempt) {
		return this.template
			.queryForObject("INSERT INTO job (queue_name, type, state, priority, payload, max_attempts, backoff_type,"
					+ " backoff_delay_ms, backoff_max_delay_ms, run_at, created_at, attempts, node_id)"
					+ " VALUES ('default', 'probe', 'active', 5, '{}', 3, 'FIXED', 1000, 1000, now(), now(), ?, ?)"
					+ " RETURNING id", Long.class, attempt, nodeId);
	}

	private String state(long id) {
		return this.template.queryForObject("SELECT state FROM job WHERE id = ?", String.class, id);
	}

	private static CompletionWriter.Completion completion(long id, int attempt) {
		Instant now = Instant.now();
		ClaimedJob job = new ClaimedJob(id, "default", "probe", "{}", attempt, 3,
				Backoff.fixed(java.time.Duration.ofSeconds(1)), null, now, now, now);
		return new CompletionWriter.Completion(job, "{\"done\":true}", 5);
	}

	private static String explain(Statement statement, String explain) throws SQLException {
		List<String> lines = new ArrayList<>();
		try (var rows = statement.executeQuery(explain)) {
			while (rows.next()) {
				lines.add(rows.getString(1));
			}
		}
		return String.join("\n", lines);
	}

}
