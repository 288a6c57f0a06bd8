package dev.batchyard.catalog.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.catalog.JobRuns;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * report-generation on the real PostgreSQL store: a report whose query fails in its third
 * chunk of five resumes at that chunk on the retry, and the file holds every row exactly
 * once; the default analytics view as JSON.
 */
class ReportGenerationFunctionalTests {

	@TempDir
	static Path reports;

	private static Node node;

	private static Jobs jobs;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void startNode() {
		node = Node.start("report-node", TestServers.freshPostgresDatabase("report_generation"),
				"batchyard.engine.poll-interval=200ms", "batchyard.job-types.report.directory=" + reports,
				"batchyard.job-types.report.queries-allowed=true");
		jobs = node.bean(Jobs.class);
		jdbc = node.bean(JdbcTemplate.class);
		jdbc.execute("CREATE TABLE report_source (id INT PRIMARY KEY, name TEXT, note TEXT)");
		IntStream.rangeClosed(1, 50)
			.forEach((id) -> jdbc.update("INSERT INTO report_source VALUES (?, ?, ?)", id, "row-" + id,
					(id % 7 == 0) ? "has, a comma and \"quotes\"" : null));
		// a real failure of the database, in row 25 only, while report_fault says so
		jdbc.execute("CREATE TABLE report_fault (broken BOOLEAN)");
		jdbc.execute("INSERT INTO report_fault VALUES (true)");
		jdbc.execute("""
				CREATE FUNCTION report_row_check(n INT) RETURNS INT LANGUAGE plpgsql AS $$
				BEGIN
					IF n = 25 AND (SELECT broken FROM report_fault) THEN
						RAISE EXCEPTION 'row % is broken', n;
					END IF;
					RETURN n;
				END $$""");
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void aFailureInChunkThreeOfFiveResumesAtChunkThreeAndTheFileHoldsEveryRowOnce() throws IOException {
		// the check runs on each row as the cursor fetches it, after the rows are sorted
		String payload = "{\"query\": \"SELECT report_row_check(id) AS id, name, note"
				+ " FROM (SELECT * FROM report_source ORDER BY id) AS sorted\", \"chunkSize\": 10,"
				+ " \"fileName\": \"resumed.csv\"}";
		long id = jobs
			.enqueue(EnqueueRequest.of("report-generation", payload)
				.withRetries(3, Backoff.fixed(Duration.ofSeconds(2))))
			.job()
			.id();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> jobs.find(id).orElseThrow().attempts() == 1
					&& jobs.find(id).orElseThrow().state() == JobState.DELAYED);
		Job failedOnce = jobs.find(id).orElseThrow();
		assertThat(failedOnce.failures().get(0).errorMessage()).as(failedOnce.failures().get(0).errorStack())
			.contains("row 25 is broken");
		// the first two chunks are committed and in the file already
		assertThat(dataLines(reports.resolve("resumed.csv.part"))).hasSize(20);
		jdbc.update("UPDATE report_fault SET broken = false");

		Job done = new JobRuns(jobs).awaitFinished(id);

		assertThat(done.state()).as(String.valueOf(done.failures())).isEqualTo(JobState.COMPLETED);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(done.result()).contains("\"rows\":50", "\"resumedAtRow\":20", "\"resumedAtChunk\":3");
		List<String> lines = Files.readAllLines(reports.resolve("resumed.csv"));
		assertThat(lines.get(0)).isEqualTo("id,name,note");
		assertThat(dataLines(reports.resolve("resumed.csv")).stream().map((line) -> line.split(",")[0]).toList())
			.containsExactlyElementsOf(IntStream.rangeClosed(1, 50).mapToObj(String::valueOf).toList());
		assertThat(lines).contains("7,row-7,\"has, a comma and \"\"quotes\"\"\"");
		assertThat(reports.resolve("resumed.csv.part")).doesNotExist();
		// Batch's records: the retry ran chunks 3 to 5 only
		assertThat(jdbc.queryForList(
				"SELECT s.read_count FROM batch_step_execution s"
						+ " JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id"
						+ " JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id"
						+ " WHERE s.step_name = 'rows' AND p.parameter_value = ? ORDER BY s.step_execution_id",
				Long.class, String.valueOf(id)))
			.containsExactly(20L, 30L);
	}

	@Test
	void theDefaultViewIsWrittenAsAJsonArray() throws IOException {
		Job done = new JobRuns(jobs).run("report-generation", "{\"format\": \"json\"}");

		assertThat(done.state()).as(String.valueOf(done.failures())).isEqualTo(JobState.COMPLETED);
		JsonNode report = JsonMapper.builder().build().readTree(reports.resolve("report-" + done.id() + ".json"));
		assertThat(report.isArray()).isTrue();
		assertThat(done.result()).contains("\"format\":\"json\"", "\"rows\":" + report.size());
		assertThat(report.size()).isPositive();
		assertThat(report.get(0).has("queue_name")).isTrue();
	}

	@Test
	void aReportCannotChangeTheStore() {
		Job done = new JobRuns(jobs).run("report-generation",
				"{\"query\": \"WITH gone AS (DELETE FROM report_source RETURNING id) SELECT id FROM gone\"}");

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.failures().get(0).errorStack()).contains("read-only transaction");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM report_source", Long.class)).isEqualTo(50);
	}

	private static List<String> dataLines(Path csv) throws IOException {
		List<String> lines = Files.readAllLines(csv);
		return lines.subList(1, lines.size());
	}

}
