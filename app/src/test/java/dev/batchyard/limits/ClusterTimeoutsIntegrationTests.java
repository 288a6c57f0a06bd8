package dev.batchyard.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Execution statistics merged across two nodes, and the soft timeout, on real PostgreSQL
 * and Redis.
 */
class ClusterTimeoutsIntegrationTests {

	private static Node nodeA;

	private static Node nodeB;

	@BeforeAll
	static void startTwoNodes() {
		String url = TestServers.freshPostgresDatabase("cluster_timeouts");
		String redis = "spring.data.redis.url=" + TestServers.redisUrl();
		nodeA = Node.start("node-a", url, redis, "batchyard.node.queues=default,low-priority");
		nodeB = Node.start("node-b", url, redis, "batchyard.node.queues=license-management");
	}

	@AfterAll
	static void stopNodes() {
		nodeA.close();
		nodeB.close();
	}

	@Test
	void executionStatisticsOfAQueueCountTheAttemptsOfEveryNode() {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ids.add(nodeA.bean(Jobs.class).enqueue(EnqueueRequest.of("probe", "{\"sleepMs\": 20}")).job().id());
			ids.add(nodeB.bean(Jobs.class)
				.enqueue(EnqueueRequest.of("probe", "{\"sleepMs\": 40}").onQueue("license-management"))
				.job()
				.id());
		}
		ids.forEach((id) -> await().atMost(Duration.ofSeconds(20))
			.until(() -> nodeA.bean(Jobs.class).find(id).orElseThrow().state() == JobState.COMPLETED));

		// node A runs only default, node B only license-management: each sees the other's
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(nodeA.bean(Timeouts.class).stats("license-management").sampleCount())
				.isEqualTo(6));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(nodeB.bean(Timeouts.class).stats("default").sampleCount()).isEqualTo(6));
		ExecutionStats stats = nodeA.bean(Timeouts.class).stats("license-management");
		assertThat(stats.min()).isGreaterThanOrEqualTo(40);
		assertThat(stats.recentExecutions()).hasSize(6);
	}

	@Test
	void anAttemptPastItsSoftTimeoutIsWarnedInItsLogAndKeepsRunning() {
		Jobs jobs = nodeA.bean(Jobs.class);
		long id = jobs
			.enqueue(EnqueueRequest.of("probe", "{\"sleepMs\": 1800}")
				.onQueue("low-priority")
				.withTimeout(Duration.ofMillis(2000)))
			.job()
			.id();

		await().atMost(Duration.ofSeconds(15)).until(() -> jobs.find(id).orElseThrow().state() == JobState.COMPLETED);
		Job done = jobs.find(id).orElseThrow();

		assertThat(done.logs()).anySatisfy((line) -> assertThat(line).containsIgnoringCase("soft timeout"));
		assertThat(done.failures()).isEmpty();
	}

}
