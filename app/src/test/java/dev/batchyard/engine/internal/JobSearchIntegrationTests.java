package dev.batchyard.engine.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobFailure;
import dev.batchyard.engine.JobSearch;
import dev.batchyard.engine.JobSearch.Filter;
import dev.batchyard.engine.JobState;
import dev.batchyard.support.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job search's SQL on real PostgreSQL: filters, text in payload and last error
 * (escaped LIKE), keyset pages newest first, batched failures and logs.
 */
class JobSearchIntegrationTests {

	private static JdbcClient jdbc;

	private static JobSearch search;

	@BeforeAll
	static void migrateAndInsertJobs() {
		String url = TestServers.freshPostgresDatabase("job_search");
		Flyway.configure()
			.dataSource(url, "postgres", "postgres")
			.locations("classpath:db/migration/postgresql")
			.load()
			.migrate();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "postgres", "postgres");
		jdbc = JdbcClient.create(dataSource);
		search = new JdbcJobSearch(jdbc, new JdbcTemplate(dataSource), true);
		insert("default", "probe", "waiting", "{\"sleepMs\": 1}", null);
		insert("default", "probe", "failed", "{\"to\": \"a_b@example.com\"}", "Timeout talking to SMTP");
		insert("email-campaigns", "send-email", "completed", "{\"to\": \"100%@example.com\"}", null);
		insert("default", "probe", "delayed", "{\"sleepMs\": 2}", null);
	}

	@Test
	void everyJobNewestFirstInKeysetPages() {
		JobSearch.Page first = search.search(Filter.ALL, 3, null);
		assertThat(first.totalCount()).isEqualTo(4);
		assertThat(first.hasNextPage()).isTrue();
		assertThat(first.jobs()).extracting(Job::id).isSortedAccordingTo((a, b) -> Long.compare(b, a)).hasSize(3);

		JobSearch.Page rest = search.search(Filter.ALL, 3, first.jobs().get(2).id());
		assertThat(rest.jobs()).hasSize(1);
		assertThat(rest.hasNextPage()).isFalse();
		assertThat(rest.totalCount()).isEqualTo(4);
	}

	@Test
	void filtersByQueueStateTypeAndText() {
		assertThat(search.search(new Filter("default", null, null, null), 10, null).totalCount()).isEqualTo(3);
		assertThat(search.search(new Filter("default", JobState.FAILED, "probe", null), 10, null).jobs())
			.extracting(Job::state)
			.containsExactly(JobState.FAILED);
		assertThat(search.search(new Filter(null, null, "send-email", null), 10, null).totalCount()).isEqualTo(1);
		assertThat(search.search(new Filter(null, null, null, "smtp"), 10, null).jobs()).extracting(Job::state)
			.containsExactly(JobState.FAILED);
		assertThat(search.search(new Filter(null, null, null, "100%@"), 10, null).totalCount()).isEqualTo(1);
		assertThat(search.search(new Filter(null, null, null, "a_b@"), 10, null).totalCount()).isEqualTo(1);
		assertThat(search.search(new Filter(null, null, null, "_"), 10, null).totalCount()).isEqualTo(1);
	}

	@Test
	void failuresAndLogsComeForManyJobsAtOnce() {
		long id = search.search(new Filter(null, JobState.FAILED, null, null), 1, null).jobs().get(0).id();
		jdbc.sql("INSERT INTO job_failure (job_id, attempt, error_message, timed_out, stalled, failed_at)"
				+ " VALUES (?, 1, 'boom', FALSE, FALSE, ?)")
			.params(id, JobStore.time(Instant.now()))
			.update();
		jdbc.sql("INSERT INTO job_log (job_id, seq, logged_at, line) VALUES (?, 1, ?, 'hello')")
			.params(id, JobStore.time(Instant.now()))
			.update();

		Map<Long, List<JobFailure>> failures = search.failures(List.of(id, 999_999L));
		Map<Long, List<String>> logs = search.logs(List.of(id, 999_999L));

		assertThat(failures.get(id)).extracting(JobFailure::errorMessage).containsExactly("boom");
		assertThat(failures.get(999_999L)).isEmpty();
		assertThat(logs.get(id)).containsExactly("hello");
		assertThat(logs.get(999_999L)).isEmpty();
	}

	private static void insert(String queue, String type, String state, String payload, String lastError) {
		jdbc.sql("INSERT INTO job (queue_name, type, state, payload, last_error) VALUES (?, ?, ?, ?, ?)")
			.params(queue, type, state, payload, lastError)
			.update();
	}

}
