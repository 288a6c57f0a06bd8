package dev.batchyard.engine.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import dev.batchyard.support.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim never takes more jobs than it asked for, whatever plan PostgreSQL picks. With
 * hash and merge joins, hashed aggregates, sorts and materialization turned off, an
 * {@code UPDATE ... WHERE id IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)} is planned
 * as a nested-loop semi join that runs the locking subquery again for every outer row,
 * each run skipping the rows the earlier runs locked: one claim of 1 job updated
 * thousands. These are the settings, and the plan, that a fresh database met under load.
 */
class OverClaimIntegrationTests {

	private static final int WAITING = 2_000;

	private static final List<String> FORCE_NESTED_LOOPS = List.of("SET enable_hashjoin = off",
			"SET enable_mergejoin = off", "SET enable_hashagg = off", "SET enable_sort = off",
			"SET enable_material = off");

	private static String url;

	private Connection connection;

	private JobStore store;

	private JdbcClient jdbc;

	private TransactionTemplate transactions;

	@BeforeAll
	static void migrateAnEmptyDatabase() {
		url = TestServers.freshPostgresDatabase("over_claim");
		Flyway.configure()
			.dataSource(url, "postgres", "postgres")
			.locations("classpath:db/migration/postgresql")
			.load()
			.migrate();
	}

	@BeforeEach
	void aSessionThatPlansNestedLoopsOverAQueueOfWaitingJobs() throws SQLException {
		this.connection = DriverManager.getConnection(url, "postgres", "postgres");
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("DELETE FROM job_failure");
			statement.execute("DELETE FROM job");
			// statistics of an empty table, as on a fresh database hit by a burst
			statement.execute("ANALYZE job");
			statement.execute("INSERT INTO job (queue_name, type, state, run_at, created_at) SELECT 'default', 'probe',"
					+ " 'waiting', now() - interval '1 minute', now() FROM generate_series(1, " + WAITING + ")");
			for (String setting : FORCE_NESTED_LOOPS) {
				statement.execute(setting);
			}
		}
		SingleConnectionDataSource session = new SingleConnectionDataSource(this.connection, true);
		JdbcTemplate template = new JdbcTemplate(session);
		this.jdbc = JdbcClient.create(template);
		this.store = new JobStore(this.jdbc, template, true);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(session));
	}

	@AfterEach
	void close() throws SQLException {
		this.connection.close();
	}

	@ParameterizedTest(name = "a claim of {0}")
	@ValueSource(ints = { 1, 5, 16 })
	void theOneStatementClaimFromTheFrontTakesNoMoreThanItsLimit(int limit) {
		for (int i = 0; i < 12; i++) {
			Instant now = Instant.now();
			JobStore.Claim claim = this.store.claimInOneStatement("default", limit, "node", "worker", now,
					now.plusSeconds(30), null);

			assertThat(claim.jobs()).hasSize(limit);
		}
		assertThat(active()).isEqualTo(12 * limit);
	}

	@ParameterizedTest(name = "a claim of {0}")
	@ValueSource(ints = { 1, 5, 16 })
	void theOneStatementClaimFromACursorTakesNoMoreThanItsLimit(int limit) {
		JobStore.ClaimKey from = null;
		for (int i = 0; i < 12; i++) {
			Instant now = Instant.now();
			JobStore.Claim claim = this.store.claimInOneStatement("default", limit, "node", "worker", now,
					now.plusSeconds(30), from);
			from = (from != null) ? from : claim.first();

			assertThat(claim.jobs()).hasSize(limit);
		}
		assertThat(active()).isEqualTo(12 * limit);
	}

	@Test
	void theTwoStatementClaimTakesNoMoreThanItsLimit() {
		Instant now = Instant.now();
		List<ClaimedJob> claimed = this.transactions
			.execute((status) -> this.store.claim("default", 3, "node", "worker", now, now.plusSeconds(30)));

		assertThat(claimed).hasSize(3);
		assertThat(active()).isEqualTo(3);
	}

	@Test
	void theLeaseRescueTakesNoMoreThanItsLimit() {
		this.jdbc
			.sql("UPDATE job SET state = 'active', attempts = 1, node_id = 'dead',"
					+ " lease_expires_at = now() - interval '1 minute'")
			.update();

		List<JobStore.Rescued> rescued = this.transactions
			.execute((status) -> this.store.rescueExpired(Instant.now(), 7));

		assertThat(rescued).hasSize(7);
		assertThat(this.jdbc.sql("SELECT count(*) FROM job WHERE state = 'waiting'").query(Integer.class).single())
			.isEqualTo(7);
		assertThat(this.jdbc.sql("SELECT count(*) FROM job_failure").query(Integer.class).single()).isEqualTo(7);
	}

	private int active() {
		return this.jdbc.sql("SELECT count(*) FROM job WHERE state = 'active'").query(Integer.class).single();
	}

}
