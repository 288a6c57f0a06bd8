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
 * DESIGN.md decision 1: the dispatcher's own claim statement stays on its partial index
 * when statistics say the job table is empty, also as the generic plan a prepared
 * statement falls back to after a few executions (which is what the JDBC driver uses).
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
		String claim = JobStore.CLAIM_RETURNING_SQL;
		for (String value : new String[] { "now()", "'node'", "'worker'", "now()", "'default'", "now()", "'default'",
				"50" }) {
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
