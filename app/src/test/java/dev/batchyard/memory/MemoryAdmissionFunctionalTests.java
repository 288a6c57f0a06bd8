package dev.batchyard.memory;

import java.time.Duration;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.InvalidJobRequestException;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Memory-aware admission on a node with real PostgreSQL and a hard limit of 8192 MB:
 * {@code low-priority} jobs have a budget of 5000 MB, so one fits the headroom and a
 * second does not while the first runs; {@code cache-maintenance} jobs have a budget of
 * 9000 MB, more than the hard limit.
 */
class MemoryAdmissionFunctionalTests {

	private static Node node;

	private static Jobs jobs;

	@BeforeAll
	static void startNode() {
		node = Node.start("memory-admission-node", TestServers.freshPostgresDatabase("memory_admission"),
				"batchyard.engine.poll-interval=200ms", "batchyard.memory.sample-interval=200ms",
				"batchyard.memory.hard-limit-mb=8192", "batchyard.memory.budgets.low-priority=5000",
				"batchyard.memory.budgets.cache-maintenance=9000");
		jobs = node.bean(Jobs.class);
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void aJobWhoseBudgetExceedsTheHeadroomWaitsWhileOtherQueuesRunAndRunsOnceHeadroomReturns() {
		long first = enqueue("low-priority", "{\"sleepMs\": 3000}");
		await().atMost(Duration.ofSeconds(20)).until(() -> state(first) == JobState.ACTIVE);
		long second = enqueue("low-priority", "{}");
		long other = enqueue("default", "{}");

		await().atMost(Duration.ofSeconds(20)).until(() -> state(other) == JobState.COMPLETED);
		assertThat(state(first)).isEqualTo(JobState.ACTIVE);
		Job waiting = jobs.find(second).orElseThrow();
		assertThat(waiting.state()).isEqualTo(JobState.WAITING);
		assertThat(waiting.attempts()).isZero();

		await().atMost(Duration.ofSeconds(30)).until(() -> state(second) == JobState.COMPLETED);
		Job done = jobs.find(second).orElseThrow();
		assertThat(done.attempts()).isEqualTo(1);
		// the first job's worker frees its budget when it returns, a moment before its
		// batched completion is written: compare with the end of its 3 s sleep
		assertThat(done.startedAt()).isAfterOrEqualTo(jobs.find(first).orElseThrow().startedAt().plusSeconds(3));
	}

	@Test
	void aJobWhoseBudgetExceedsTheHardLimitIsRefusedAtEnqueue() {
		assertThatExceptionOfType(InvalidJobRequestException.class).isThrownBy(() -> enqueue("cache-maintenance", "{}"))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("memory"))
			.withMessageContaining("9000 MB")
			.withMessageContaining("8192 MB");
	}

	private static long enqueue(String queueName, String payload) {
		return jobs.enqueue(EnqueueRequest.of("probe", payload).onQueue(queueName)).job().id();
	}

	private static JobState state(long id) {
		return jobs.find(id).orElseThrow().state();
	}

}
