package dev.batchyard.catalog.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probe job type end to end on a node with real PostgreSQL: every mode an operator
 * uses it in.
 */
class ProbeFunctionalTests {

	private static Node node;

	private static Jobs jobs;

	private static JdbcClient jdbc;

	@BeforeAll
	static void startNode() {
		node = Node.start("probe-node", TestServers.freshPostgresDatabase("probe"),
				"batchyard.engine.poll-interval=200ms");
		jobs = node.bean(Jobs.class);
		jdbc = node.bean(JdbcClient.class);
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void aLightProbeRunsWithoutLeavingBatchRecords() {
		Job done = run("{}");

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.result()).isEqualTo("{\"stepsRun\":[\"step-1\"],\"attempt\":1,\"allocatedMb\":0}");
		assertThat(batchStepExecutions("probe")).isEmpty();
	}

	@Test
	void aThreeStepProbeFailingOnceInStepTwoResumesThereFromBatchsRecords() {
		Job done = run("{\"steps\": 3, \"failAttempts\": 1, \"failStep\": 2}");

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(done.result()).contains("\"stepsRun\":[\"step-2\",\"step-3\"]");
		assertThat(batchStepExecutions("probe-3-steps")).containsExactly(Map.of("step-1", "COMPLETED"),
				Map.of("step-2", "FAILED"), Map.of("step-2", "COMPLETED"), Map.of("step-3", "COMPLETED"));
	}

	@Test
	void aProbeAllocatesTheMemoryItIsAskedFor() {
		Job done = run("{\"allocateMb\": 16}");

		assertThat(done.result()).contains("\"allocatedMb\":16");
	}

	@Test
	void aSleepingProbeTakesAtLeastItsSleep() {
		Job done = run("{\"sleepMs\": 300}");

		assertThat(done.durationMs()).isGreaterThanOrEqualTo(300);
	}

	@Test
	void aProbeFailingEveryAttemptEndsFailed() {
		Job done = jobs
			.find(jobs.enqueue(EnqueueRequest.of("probe", "{\"failAttempts\": 9}")
				.withRetries(2, dev.batchyard.catalog.Backoff.fixed(Duration.ofMillis(10)))).job().id())
			.orElseThrow();

		Job failed = awaitFinished(done.id());

		assertThat(failed.state()).isEqualTo(JobState.FAILED);
		assertThat(failed.failures()).hasSize(2);
	}

	private static Job run(String payload) {
		long id = jobs
			.enqueue(EnqueueRequest.of("probe", payload)
				.withRetries(3, dev.batchyard.catalog.Backoff.fixed(Duration.ofMillis(10))))
			.job()
			.id();
		return awaitFinished(id);
	}

	private static Job awaitFinished(long id) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jobs.find(id).orElseThrow().state(),
					(state) -> state == JobState.COMPLETED || state == JobState.FAILED);
		return jobs.find(id).orElseThrow();
	}

	private static List<Map<String, String>> batchStepExecutions(String jobName) {
		return jdbc
			.sql("SELECT s.STEP_NAME, s.STATUS FROM BATCH_STEP_EXECUTION s"
					+ " JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID"
					+ " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
					+ " WHERE i.JOB_NAME = ? ORDER BY s.STEP_EXECUTION_ID")
			.param(jobName)
			.query((rs, row) -> Map.of(rs.getString(1), rs.getString(2)))
			.list();
	}

}
