package dev.batchyard.monitoring;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.JobStateChanged;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine's changes that are not a job's own progress publish events too: a queue
 * clean and a delete ({@code DELETED}), a stopping node's hand-back ({@code WAITING}), an
 * admin's cancel ({@code CANCELLED}) and the rescue of a job whose node died
 * ({@code WAITING} again).
 */
class EngineEventsIntegrationTests {

	private static final String QUEUE = "token-cleanup";

	@Test
	void cleansDeletesAndHandBacksArePublished() {
		List<JobStateChanged> events = new CopyOnWriteArrayList<>();
		try (MonitoredNode node = MonitoredNode.start("events-a",
				TestServers.freshPostgresDatabase("monitoring_events"), null, "batchyard.engine.shutdown-timeout=1s")) {
			node.bean(LiveEvents.class).onJobEvent(events::add);
			Jobs jobs = node.bean(Jobs.class);
			QueueControls controls = node.bean(QueueControls.class);

			controls.pause(QUEUE, "test");
			List<Long> cleaned = List.of(enqueue(jobs, "{}"), enqueue(jobs, "{}"));
			assertThat(controls.clean(QUEUE, JobState.WAITING, Duration.ZERO, 10).removed()).isEqualTo(2);
			assertThat(states(events, cleaned.get(0))).containsExactly("WAITING", "DELETED");
			assertThat(states(events, cleaned.get(1))).containsExactly("WAITING", "DELETED");

			long deleted = enqueue(jobs, "{}");
			controls.delete(deleted);
			assertThat(states(events, deleted)).containsExactly("WAITING", "DELETED");

			controls.resume(QUEUE, "test");
			long sleeper = enqueue(jobs, "{\"sleepMs\": 30000}");
			await().atMost(Duration.ofSeconds(20)).until(() -> states(events, sleeper).contains("ACTIVE"));
			node.close();
			// stopped with the job still running: handed back to waiting, attempt unspent
			// an enqueue's WAITING is published after its commit, so a dispatcher that
			// claims at once may publish ACTIVE first (the README: order by `at`)
			List<String> states = states(events, sleeper);
			assertThat(states).hasSizeGreaterThanOrEqualTo(3).endsWith("WAITING");
			assertThat(states.subList(0, 2)).containsExactlyInAnyOrder("WAITING", "ACTIVE");
		}
	}

	@Test
	void cancelsAndRescuesArePublished() {
		List<JobStateChanged> events = new CopyOnWriteArrayList<>();
		try (MonitoredNode node = MonitoredNode.start("events-b",
				TestServers.freshPostgresDatabase("monitoring_rescues"), null,
				"batchyard.engine.rescue-interval=200ms")) {
			node.bean(LiveEvents.class).onJobEvent(events::add);
			Jobs jobs = node.bean(Jobs.class);
			QueueControls controls = node.bean(QueueControls.class);
			controls.pause(QUEUE, "test");

			long cancelled = enqueue(jobs, "{}");
			controls.cancel(cancelled);
			assertThat(states(events, cancelled)).containsExactly("WAITING", "CANCELLED");

			// a job left active by a node that died: its lease ran out and nobody renews
			// it
			long orphan = enqueue(jobs, "{}");
			node.bean(JdbcClient.class)
				.sql("UPDATE job SET state = 'active', attempts = 1, node_id = 'dead-node', started_at = now(),"
						+ " lease_expires_at = now() - interval '1 minute' WHERE id = ?")
				.param(orphan)
				.update();
			await().atMost(Duration.ofSeconds(10)).until(() -> states(events, orphan).size() == 2);
			assertThat(states(events, orphan)).containsExactly("WAITING", "WAITING");
			assertThat(jobs.find(orphan))
				.hasValueSatisfying((job) -> assertThat(job.state()).isEqualTo(JobState.WAITING));
		}
	}

	private static long enqueue(Jobs jobs, String payload) {
		return jobs.enqueue(EnqueueRequest.of("probe", payload).onQueue(QUEUE)).job().id();
	}

	private static List<String> states(List<JobStateChanged> events, long id) {
		return events.stream().filter((event) -> event.jobId() == id).map((event) -> event.state().name()).toList();
	}

}
