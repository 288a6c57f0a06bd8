package dev.batchyard.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Enqueued;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three engine nodes share one real PostgreSQL database; node C serves only the
 * {@code high-priority} queue, as a dedicated server would.
 */
class ClusterIntegrationTests {

	private static final String PROBE = "probe";

	private static Node nodeA;

	private static Node nodeB;

	private static Node nodeC;

	private static JdbcClient jdbc;

	@BeforeAll
	static void startThreeNodes() {
		String url = TestServers.freshPostgresDatabase("cluster");
		// a long poll interval: only a NOTIFY can explain a fast start on another node
		String poll = "batchyard.engine.poll-interval=5s";
		String others = "batchyard.node.queues=" + String.join(",",
				List.of("default", "password-reset", "session-cleanup", "license-management", "analytics-events"));
		nodeA = Node.start("node-a", url, poll, others);
		nodeB = Node.start("node-b", url, poll, others);
		nodeC = Node.start("node-c", url, poll, "batchyard.node.queues=high-priority");
		jdbc = nodeA.bean(JdbcClient.class);
	}

	@AfterAll
	static void stopNodes() {
		for (Node node : new Node[] { nodeA, nodeB, nodeC }) {
			if (node != null) {
				node.close();
			}
		}
	}

	@Test
	void tenThousandJobsEnqueuedAcrossThreeNodesRunExactlyOnceEach() {
		List<Long> ids = new ArrayList<>();
		Node[] nodes = { nodeA, nodeB, nodeC };
		for (int batch = 0; batch < 20; batch++) {
			List<EnqueueRequest> requests = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				requests.add(EnqueueRequest.of(PROBE, "{}").onQueue((i % 2 == 0) ? "default" : "license-management"));
			}
			nodes[batch % 3].bean(Jobs.class).enqueueAll(requests).forEach((enqueued) -> ids.add(enqueued.job().id()));
		}

		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count("SELECT count(*) FROM job WHERE state = 'completed' AND queue_name IN"
					+ " ('default', 'license-management')"), (done) -> done == 10_000);

		assertThat(ids).hasSize(10_000).doesNotHaveDuplicates();
		assertThat(count("SELECT count(*) FROM job WHERE queue_name IN ('default', 'license-management')"
				+ " AND (attempts <> 1 OR state <> 'completed')"))
			.isZero();
		assertThat(count("SELECT count(*) FROM job WHERE queue_name IN ('default', 'license-management')"
				+ " AND result IS NOT NULL AND duration_ms IS NOT NULL"))
			.isEqualTo(10_000);
		assertThat(count("SELECT count(*) FROM job_failure")).isZero();
		assertThat(count("SELECT count(DISTINCT node_id) FROM job WHERE queue_name = 'default'")).isEqualTo(2);
	}

	@Test
	void aCriticalJobStartsWithin200msBehindTenThousandWaitingBackgroundJobs() {
		QueueControls controls = nodeA.bean(QueueControls.class);
		List<EnqueueRequest> backlog = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			backlog.add(EnqueueRequest.of(PROBE, "{\"sleepMs\": 1000}").onQueue("session-cleanup"));
		}
		nodeB.bean(Jobs.class).enqueueAll(backlog);

		Enqueued critical = nodeA.bean(Jobs.class).enqueue(EnqueueRequest.of(PROBE, "{}").onQueue("password-reset"));
		Job started = awaitStarted(nodeA.bean(Jobs.class), critical.job().id());

		assertThat(Duration.between(critical.job().createdAt(), started.startedAt()))
			.isLessThan(Duration.ofMillis(200));
		controls.pause("session-cleanup", "test");
		controls.clean("session-cleanup", JobState.WAITING, Duration.ZERO, 100_000);
	}

	@Test
	void aJobEnqueuedOnAnotherNodeStartsWithin100ms() {
		Jobs jobsOnA = nodeA.bean(Jobs.class);
		jobsOnA.enqueue(EnqueueRequest.of(PROBE, "{}").onQueue("high-priority"));

		List<Duration> waits = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Enqueued enqueued = jobsOnA.enqueue(EnqueueRequest.of(PROBE, "{}").onQueue("high-priority"));
			Job started = awaitStarted(jobsOnA, enqueued.job().id());
			assertThat(started.workerId()).startsWith("high-priority@node-c#");
			waits.add(Duration.between(enqueued.job().createdAt(), started.startedAt()));
		}

		assertThat(waits).allSatisfy((wait) -> assertThat(wait).isLessThan(Duration.ofMillis(100)));
	}

	private static Job awaitStarted(Jobs jobs, long id) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> jobs.find(id).orElseThrow().startedAt() != null);
		return jobs.find(id).orElseThrow();
	}

	private static long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
