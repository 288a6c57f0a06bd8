package dev.batchyard.engine.internal;

import java.time.Duration;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobFailure;
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
 * The hard timeout on a node with real PostgreSQL and Redis.
 */
class TimeoutIntegrationTests {

	private static Node node;

	@BeforeAll
	static void startNode() {
		node = Node.start("timeout-node", TestServers.freshPostgresDatabase("timeouts"),
				"spring.data.redis.url=" + TestServers.redisUrl());
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void aStepSleepingPastItsTimeoutIsInterruptedAndRecordedAsTimedOutWithin250msOfTheDeadline() {
		Jobs jobs = node.bean(Jobs.class);
		long id = jobs
			.enqueue(EnqueueRequest.of("probe", "{\"sleepMs\": 10000}")
				.withTimeout(Duration.ofSeconds(1))
				.withRetries(1, null))
			.job()
			.id();

		await().atMost(Duration.ofSeconds(15)).until(() -> jobs.find(id).orElseThrow().state() == JobState.FAILED);
		Job failed = jobs.find(id).orElseThrow();

		JobFailure failure = failed.failures().get(0);
		assertThat(failure.timedOut()).isTrue();
		Duration recordedAfterStart = Duration.between(failed.startedAt(), failure.failedAt());
		assertThat(recordedAfterStart).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1250));
	}

}
