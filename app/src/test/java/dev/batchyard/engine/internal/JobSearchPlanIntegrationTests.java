package dev.batchyard.engine.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.engine.JobSearch;
import dev.batchyard.engine.JobSearch.Filter;
import dev.batchyard.support.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own jobs ({@code jobs} for the ENQUEUER role) on real PostgreSQL, on a
 * table where another principal has almost every row. Planned with the principal's value,
 * the page goes through {@code job_enqueued_by_idx}; the generic plan a server-side
 * prepared statement settles on walks the primary key backwards past every other
 * principal's job (18 ms of PostgreSQL per request in the API bench). So the search never
 * lets the driver prepare that statement on the server, however often it runs. And a
 * principal with many jobs, all older than another's burst, is read through the same
 * index, whatever the estimates: the page is ordered as only that index orders it.
 */
class JobSearchPlanIntegrationTests {

	@Test
	void oneApplicationsJobsArePlannedWithItsNameEveryTime() throws Exception {
		String url = TestServers.freshPostgresDatabase("job_search_plan");
		Flyway.configure()
			.dataSource(url, "postgres", "postgres")
			.locations("classpath:db/migration/postgresql")
			.load()
			.migrate();
		try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO job (queue_name, type, state, run_at, created_at, enqueued_by)"
					+ " SELECT 'plan', 'probe', 'waiting', now(), now(), 'token:busy' FROM generate_series(1, 50000)");
			statement.execute("INSERT INTO job (queue_name, type, state, run_at, created_at, enqueued_by)"
					+ " SELECT 'plan', 'probe', 'waiting', now(), now(), 'token:quiet' FROM generate_series(1, 3)");
			// the newest jobs all belong to a third principal, as after a burst of its
			// enqueues: a backward walk of the primary key reads all of them first
			statement.execute("INSERT INTO job (queue_name, type, state, run_at, created_at, enqueued_by)"
					+ " SELECT 'plan', 'probe', 'waiting', now(), now(), 'token:burst' FROM generate_series(1, 50000)");
			statement.execute("ANALYZE job");
		}
		SingleConnectionDataSource one = new SingleConnectionDataSource(url, "postgres", "postgres", true);
		JdbcJobSearch search = new JdbcJobSearch(JdbcClient.create(one), new JdbcTemplate(one), true);

		List<JobSearch.Page> pages = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			pages.add(search.search(Filter.ALL.enqueuedBy("token:quiet"), 50, null));
			pages.add(search.search(Filter.ALL, 50, null));
		}
		List<String> prepared = new JdbcTemplate(one)
			.queryForList("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql", String.class);
		List<Object> params = new ArrayList<>();
		String withValues = JdbcJobSearch.pageSql(Filter.ALL.enqueuedBy("token:quiet"), null, 50, params, true)
			.replaceFirst("\\?", "'token:quiet'")
			.replaceFirst("\\?", "51");
		String plan = explain(url, withValues);
		List<Object> busyParams = new ArrayList<>();
		String busyPlan = explain(url,
				JdbcJobSearch.pageSql(Filter.ALL.enqueuedBy("token:busy"), null, 50, busyParams, true)
					.replaceFirst("\\?", "'token:busy'")
					.replaceFirst("\\?", "51"));
		JobSearch.Page busy = search.search(Filter.ALL.enqueuedBy("token:busy"), 50, null);
		one.destroy();

		assertThat(prepared).as("statements the driver prepared on the server")
			.noneMatch((sql) -> sql.contains("j.enqueued_by ="))
			.anyMatch((sql) -> sql.contains("ORDER BY j.id DESC"));
		assertThat(plan).contains("job_enqueued_by_idx").doesNotContain("job_pkey");
		assertThat(busyPlan).as("a principal with a third of the rows, all older than another's")
			.contains("job_enqueued_by_idx")
			.doesNotContain("job_pkey")
			.doesNotContain("Sort");
		assertThat(busy.jobs()).hasSize(50);
		assertThat(busy.totalCount()).isEqualTo(50000);
		assertThat(pages.get(18).jobs()).hasSize(3).allMatch((job) -> job.queueName().equals("plan"));
		assertThat(pages.get(19).jobs()).hasSize(50);
	}

	private static String explain(String url, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
			StringBuilder lines = new StringBuilder();
			while (rows.next()) {
				lines.append(rows.getString(1)).append('\n');
			}
			return lines.toString();
		}
	}

}
