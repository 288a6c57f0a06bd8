package dev.batchyard.engine;

import java.time.Duration;

import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.batchyard.engine.Probes.aProbeSleeping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's claim that a cancel reaches a job running on another node within a second:
 * node A runs the job, node B (which does not serve its queue) cancels it, on one real
 * PostgreSQL database.
 */
class CancelAcrossNodesIntegrationTests {

	private static final String QUEUE = "low-priority";

	private static Node nodeA;

	private static Node nodeB;

	@BeforeAll
	static void startTwoNodes() {
		String url = TestServers.freshPostgresDatabase("cancel_across_nodes");
		nodeA = Node.start("cancel-a", url, "batchyard.node.queues=" + QUEUE,
				"batchyard.catalog.queues." + QUEUE + ".concurrency=1");
		nodeB = Node.start("cancel-b", url, "batchyard.node.queues=default");
	}

	@AfterAll
	static void stopNodes() {
		for (Node node : new Node[] { nodeA, nodeB }) {
			if (node != null) {
				node.close();
			}
		}
	}

	@Test
	void aJobCancelledOnAnotherNodeIsInterruptedOnItsOwnNodeWithinASecond() {
		Jobs jobs = nodeB.bean(Jobs.class);
		Job job = jobs.enqueue(aProbeSleeping(60_000).onQueue(QUEUE)).job();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jobs.find(job.id()).orElseThrow().state() == JobState.ACTIVE && busy() == 1);

		long cancelledAt = System.nanoTime();
		Job cancelled = nodeB.bean(QueueControls.class).cancel(job.id());
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> busy() == 0);
		Duration toStop = Duration.ofNanos(System.nanoTime() - cancelledAt);

		assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
		// node A checks its running jobs every second
		// (batchyard.engine.stop-check-interval);
		// the rest is the interrupt reaching the sleep and a loaded test machine
		assertThat(toStop).isLessThan(Duration.ofMillis(1500));
		Job after = jobs.find(job.id()).orElseThrow();
		assertThat(after.state()).isEqualTo(JobState.CANCELLED);
		assertThat(after.failures()).as("a cancel spends no attempt").isEmpty();
	}

	/** Workers busy on the queue on node A. */
	private static int busy() {
		return nodeA.bean(Workers.class)
			.workers()
			.stream()
			.filter((worker) -> worker.queueName().equals(QUEUE))
			.mapToInt(Workers.Worker::busy)
			.sum();
	}

}
