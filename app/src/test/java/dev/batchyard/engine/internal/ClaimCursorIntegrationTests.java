package dev.batchyard.engine.internal;

import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While a backlog drains on PostgreSQL, each claim starts where the last one began
 * instead of at the front of the queue (the claim cursor). A job that becomes ready in
 * front of the cursor must still start before the rest of the backlog: at once when it is
 * announced (enqueued, retried, notified), within the cursor's lifetime when nobody
 * announced it.
 */
class ClaimCursorIntegrationTests {

	private static final String QUEUE = "default";

	/** The probe's default queue runs 5 workers: 1,500 jobs of 10 ms take 3 s. */
	private static final int BACKLOG = 1_500;

	private static final int WORKERS = 5;

	private static final Duration CURSOR_LIFETIME = Duration.ofMillis(100);

	private static Node node;

	private static JdbcClient jdbc;

	@BeforeAll
	static void startNode() {
		// a long poll interval: only a wake-up or the cursor's lifetime can explain a
		// start
		node = Node.start("cursor-node", TestServers.freshPostgresDatabase("claim_cursor"),
				"batchyard.engine.poll-interval=5s",
				"batchyard.engine.claim-cursor-lifetime=" + CURSOR_LIFETIME.toMillis() + "ms");
		jdbc = node.bean(JdbcClient.class);
	}

	@AfterAll
	static void stopNode() {
		if (node != null) {
			node.close();
		}
	}

	@AfterEach
	void emptyTheQueue() {
		QueueControls controls = node.bean(QueueControls.class);
		controls.pause(QUEUE, "test");
		controls.clean(QUEUE, JobState.WAITING, Duration.ZERO, 100_000);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM job WHERE queue_name = 'default' AND state = 'active'") == 0);
		controls.resume(QUEUE, "test");
	}

	@Test
	void aMoreUrgentJobEnqueuedDuringADrainStartsWithTheNextClaim() {
		startBacklog();

		Enqueued urgent = node.bean(Jobs.class)
			.enqueue(EnqueueRequest.of("probe", "{}").onQueue(QUEUE).withPriority(1));
		Job started = awaitStarted(urgent.job().id());

		// only a claim already running when it was enqueued may start backlog jobs first
		assertThat(backlogStartedBetween(urgent.job().createdAt(), started.startedAt())).isLessThanOrEqualTo(WORKERS);
		assertThat(backlogWaiting()).isPositive();
	}

	@Test
	void aJobReadyInFrontOfTheCursorThatNobodyAnnouncedStartsWithinTheCursorsLifetime() {
		startBacklog();

		// written behind the engine's back: no wake-up, no NOTIFY
		long unannounced = jdbc.sql("INSERT INTO job (queue_name, type, state, priority, payload, max_attempts,"
				+ " backoff_type, backoff_delay_ms, run_at, created_at) VALUES ('default', 'probe', 'waiting', 1, '{}',"
				+ " 1, 'FIXED', 1000, now(), now()) RETURNING id")
			.query(Long.class)
			.single();
		Job started = awaitStarted(unannounced);

		assertThat(Duration.between(started.createdAt(), started.startedAt()))
			.isLessThan(CURSOR_LIFETIME.plusMillis(400));
		assertThat(backlogWaiting()).isPositive();
	}

	/** A backlog of short jobs, drained for a moment so that the cursor is set. */
	private static void startBacklog() {
		List<EnqueueRequest> backlog = new ArrayList<>();
		for (int i = 0; i < BACKLOG; i++) {
			backlog.add(EnqueueRequest.of("probe", "{\"sleepMs\": 10}").onQueue(QUEUE).withPriority(8));
		}
		node.bean(Jobs.class).enqueueAll(backlog);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> count("SELECT count(*) FROM job WHERE queue_name = 'default' AND started_at IS NOT NULL"
					+ " AND priority = 8") >= 100);
	}

	private static long backlogStartedBetween(Instant from, Instant to) {
		return jdbc
			.sql("SELECT count(*) FROM job WHERE queue_name = 'default' AND priority = 8 AND started_at > ?"
					+ " AND started_at < ?")
			.params(JobStore.time(from), JobStore.time(to))
			.query(Long.class)
			.single();
	}

	private static long backlogWaiting() {
		return count("SELECT count(*) FROM job WHERE queue_name = 'default' AND priority = 8 AND state = 'waiting'");
	}

	private static Job awaitStarted(long id) {
		Jobs jobs = node.bean(Jobs.class);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> jobs.find(id).orElseThrow().startedAt() != null);
		return jobs.find(id).orElseThrow();
	}

	private static long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
