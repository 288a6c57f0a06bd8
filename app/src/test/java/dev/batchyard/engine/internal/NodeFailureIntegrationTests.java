package dev.batchyard.engine.internal;

import java.time.Duration;
import java.util.List;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobFailure;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nodes that die or leave while they run jobs, on real PostgreSQL: nothing is lost, and
 * only a death spends an attempt.
 */
class NodeFailureIntegrationTests {

	private static final String[] FAST_LEASES = { "batchyard.node.queues=analytics-events",
			"batchyard.engine.lease-duration=2s", "batchyard.engine.lease-renew-interval=500ms",
			"batchyard.engine.rescue-interval=500ms", "batchyard.engine.poll-interval=500ms",
			"batchyard.engine.shutdown-timeout=1s" };

	private Node nodeA;

	private Node nodeB;

	@AfterEach
	void stopNodes() {
		for (Node node : new Node[] { this.nodeA, this.nodeB }) {
			if (node != null) {
				node.close();
			}
		}
	}

	@Test
	void jobsOfANodeThatDiesAreRescuedByAnotherAfterTheirLeaseExpires() {
		String url = TestServers.freshPostgresDatabase("node_death");
		this.nodeA = Node.start("node-a", url, FAST_LEASES);
		Jobs jobs = this.nodeA.bean(Jobs.class);
		List<Long> ids = enqueueSleepers(jobs, 3, 1500);
		ids.forEach((id) -> awaitState(jobs, id, JobState.ACTIVE));

		this.nodeA.bean(Engine.class).halt();
		this.nodeB = Node.start("node-b", url, FAST_LEASES);

		for (long id : ids) {
			Job done = awaitState(this.nodeB.bean(Jobs.class), id, JobState.COMPLETED);
			assertThat(done.attempts()).isEqualTo(2);
			assertThat(done.workerId()).startsWith("analytics-events@node-b#");
			assertThat(done.failures()).singleElement().satisfies((failure) -> {
				assertThat(failure.stalled()).isTrue();
				assertThat(failure.attempt()).isEqualTo(1);
				assertThat(failure.errorMessage()).contains("stopped renewing its lease");
			});
		}
	}

	@Test
	void aNodeStoppedGracefullyFinishesWhatItCanAndHandsBackTheRestWithoutSpendingAnAttempt() {
		String url = TestServers.freshPostgresDatabase("node_leave");
		this.nodeA = Node.start("node-a", url, FAST_LEASES);
		Jobs jobs = this.nodeA.bean(Jobs.class);
		long quick = enqueueSleepers(jobs, 1, 300).get(0);
		List<Long> slow = enqueueSleepers(jobs, 3, 5000);
		slow.forEach((id) -> awaitState(jobs, id, JobState.ACTIVE));

		this.nodeA.close();
		this.nodeB = Node.start("node-b", url, FAST_LEASES);

		Jobs jobsOnB = this.nodeB.bean(Jobs.class);
		Job quickJob = awaitState(jobsOnB, quick, JobState.COMPLETED);
		assertThat(quickJob.workerId()).startsWith("analytics-events@node-a#");
		for (long id : slow) {
			Job done = awaitState(jobsOnB, id, JobState.COMPLETED);
			assertThat(done.attempts()).as("a hand-back spends no attempt").isEqualTo(1);
			assertThat(done.failures()).extracting(JobFailure::attempt).isEmpty();
			assertThat(done.workerId()).startsWith("analytics-events@node-b#");
		}
	}

	@Test
	void anActiveJobItsNodeIsNotRunningLosesItsLeaseAndRunsAgain() {
		String url = TestServers.freshPostgresDatabase("orphan_lease");
		this.nodeA = Node.start("node-a", url, FAST_LEASES);
		Jobs jobs = this.nodeA.bean(Jobs.class);
		long id = jobs.enqueue(EnqueueRequest.of("probe", "{}").onQueue("default")).job().id();
		// what a completion the node could not write leaves behind: the row active for
		// this node, which runs nothing for it
		this.nodeA.bean(JdbcTemplate.class)
			.update("UPDATE job SET queue_name = 'analytics-events', state = 'active', attempts = 1,"
					+ " node_id = 'node-a', lease_expires_at = now() + interval '1 second' WHERE id = ?", id);

		Job done = awaitState(jobs, id, JobState.COMPLETED);

		assertThat(done.attempts()).isEqualTo(2);
		assertThat(done.failures()).singleElement().satisfies((failure) -> assertThat(failure.stalled()).isTrue());
	}

	private static List<Long> enqueueSleepers(Jobs jobs, int count, long sleepMs) {
		return java.util.stream.IntStream.range(0, count)
			.mapToObj((i) -> jobs
				.enqueue(EnqueueRequest.of("probe", "{\"sleepMs\": " + sleepMs + "}").onQueue("analytics-events"))
				.job()
				.id())
			.toList();
	}

	private static Job awaitState(Jobs jobs, long id, JobState state) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> jobs.find(id).orElseThrow().state() == state);
		return jobs.find(id).orElseThrow();
	}

}
