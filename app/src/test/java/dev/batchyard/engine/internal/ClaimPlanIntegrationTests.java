package dev.batchyard.engine.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.support.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Architecture", decision 1: the dispatcher's own claim statement stays on
 * its partial index when statistics say the job table is empty, also as the generic plan
 * a prepared statement falls back to after a few executions (which is what the JDBC
 * driver uses).
 */
class ClaimPlanIntegrationTests {

	private static String url;

	@BeforeAll
	static void migrateAnEmptyDatabase() throws SQLException {
		url = TestServers.freshPostgresDatabase("claim_plan");
		Flyway.configure()
			.dataSource(url, "postgres", "postgres")
			.locations("classpath:db/migration/postgresql")
			.load()
			.migrate();
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("ANALYZE job");
		}
	}

	@Test
	void theClaimUsesItsIndexOnAnEmptyAnalyzedTable() throws SQLException {
		String claim = JobStore.CLAIM_SQL.replaceFirst("\\?", "'default'")
			.replaceFirst("\\?", "now()")
			.replaceFirst("\\?", "50");

		assertThat(plan("EXPLAIN " + claim)).contains("job_claim_idx").doesNotContain("Seq Scan on job");
	}

	@Test
	void thePostgresqlOneStatementClaimUsesTheIndexToo() throws SQLException {
		String claim = JobStore.claimReturningSql(50);
		for (String value : new String[] { "now()", "'node'", "'worker'", "now()", "'default'", "now()",
				"'default'" }) {
			claim = claim.replaceFirst("\\?", value);
		}

		assertThat(plan("EXPLAIN " + claim)).contains("job_claim_idx").doesNotContain("Seq Scan on job");
	}

	@Test
	void theGenericPlanOfThePreparedClaimUsesItsIndexToo() throws SQLException {
		List<String> setup = List.of("SET plan_cache_mode = force_generic_plan",
				"PREPARE claim(varchar, timestamptz, int) AS " + JobStore.CLAIM_SQL.replaceFirst("\\?", "\\$1")
					.replaceFirst("\\?", "\\$2")
					.replaceFirst("\\?", "\\$3"));

		assertThat(plan(setup, "EXPLAIN EXECUTE claim('default', now(), 50)")).contains("job_claim_idx")
			.doesNotContain("Seq Scan on job");
	}

	/**
	 * A claim PostgreSQL plans anew on every execution cost about as much again as the
	 * claim itself: the one-statement claim must settle on a generic plan, and that plan
	 * must find the claimed rows by primary key.
	 */
	@Test
	void postgresqlKeepsTheGenericPlanOfTheOneStatementClaimAndItGoesByPrimaryKey() throws SQLException {
		String claim = JobStore.claimReturningSql(10);
		for (int parameter = 1; claim.contains("?"); parameter++) {
			claim = claim.replaceFirst("\\?", "\\$" + parameter);
		}
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("INSERT INTO job (queue_name, type, state, run_at, created_at) SELECT 'generic', 'probe',"
					+ " 'waiting', now() - interval '1 minute', now() FROM generate_series(1, 5000)");
			statement.execute("ANALYZE job");
			statement.execute("PREPARE claim(timestamptz, varchar, varchar, timestamptz, varchar, timestamptz, varchar)"
					+ " AS " + claim);
			for (int i = 0; i < 10; i++) {
				statement.execute("EXECUTE claim(now(), 'node', 'worker', now(), 'generic', now(), 'generic')");
			}
			try (var rows = statement
				.executeQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'claim'")) {
				rows.next();
				assertThat(rows.getLong("generic_plans")).as("generic plans").isPositive();
				assertThat(rows.getLong("custom_plans")).as("custom plans").isLessThan(10);
			}
			statement.execute("SET plan_cache_mode = force_generic_plan");
			List<String> lines = new ArrayList<>();
			try (var rows = statement
				.executeQuery("EXPLAIN EXECUTE claim(now(), 'node', 'worker', now(), 'generic', now(), 'generic')")) {
				while (rows.next()) {
					lines.add(rows.getString(1));
				}
			}
			assertThat(String.join("\n", lines)).contains("job_pkey", "job_claim_idx")
				.doesNotContain("Seq Scan on job");
			connection.rollback();
		}
	}

	/**
	 * The claim from a cursor must begin its index scan at the cursor's key: the row
	 * comparison is an index condition of {@code job_claim_idx}, not a filter applied
	 * after walking the queue from its front.
	 */
	@Test
	void theGenericPlanOfTheClaimFromACursorStartsItsIndexScanAtTheCursor() throws SQLException {
		String claim = JobStore.claimReturningSql(10, true);
		for (int parameter = 1; claim.contains("?"); parameter++) {
			claim = claim.replaceFirst("\\?", "\\$" + parameter);
		}
		String execute = "EXECUTE cursor_claim(now(), 'node', 'worker', now(), 'cursor', now(), 5,"
				+ " now() - interval '1 minute', 0, 'cursor')";
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("INSERT INTO job (queue_name, type, state, run_at, created_at) SELECT 'cursor', 'probe',"
					+ " 'waiting', now() - interval '1 minute', now() FROM generate_series(1, 5000)");
			statement.execute("ANALYZE job");
			statement.execute("PREPARE cursor_claim(timestamptz, varchar, varchar, timestamptz, varchar, timestamptz,"
					+ " int, timestamptz, bigint, varchar) AS " + claim);
			for (int i = 0; i < 10; i++) {
				statement.execute(execute);
			}
			try (var rows = statement
				.executeQuery("SELECT generic_plans FROM pg_prepared_statements WHERE name = 'cursor_claim'")) {
				rows.next();
				assertThat(rows.getLong("generic_plans")).as("generic plans").isPositive();
			}
			statement.execute("SET plan_cache_mode = force_generic_plan");
			List<String> lines = new ArrayList<>();
			try (var rows = statement.executeQuery("EXPLAIN " + execute)) {
				while (rows.next()) {
					lines.add(rows.getString(1));
				}
			}
			assertThat(lines).anySatisfy(
					(line) -> assertThat(line).contains("Index Cond").contains("ROW(priority, run_at, id) >= ROW("));
			assertThat(String.join("\n", lines)).contains("job_claim_idx").doesNotContain("Seq Scan on job");
			connection.rollback();
		}
	}

	private static String plan(String explain) throws SQLException {
		return plan(List.of(), explain);
	}

	private static String plan(List<String> setup, String explain) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : setup) {
				statement.execute(sql);
			}
			List<String> lines = new ArrayList<>();
			try (var rows = statement.executeQuery(explain)) {
				while (rows.next()) {
					lines.add(rows.getString(1));
				}
			}
			return String.join("\n", lines);
		}
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection(url, "postgres", "postgres");
	}

}
