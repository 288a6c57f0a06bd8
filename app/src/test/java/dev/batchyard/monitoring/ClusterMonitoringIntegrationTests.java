package dev.batchyard.monitoring;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.support.GraphQlWebSocket;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL database: a subscriber on node A sees the jobs node B runs
 * and the alerts B raises, and the cluster takes exactly one metric snapshot per
 * interval.
 */
class ClusterMonitoringIntegrationTests {

	private static MonitoredNode a;

	private static MonitoredNode b;

	@BeforeAll
	static void startTwoNodes() {
		String url = TestServers.freshPostgresDatabase("monitoring_cluster");
		// A serves one queue nobody uses here: the jobs below run on B
		a = MonitoredNode.start("cluster-a", url, null, "batchyard.node.queues=event-deduplication",
				"batchyard.monitoring.interval=2s");
		b = MonitoredNode.start("cluster-b", url, null, "batchyard.monitoring.interval=2s");
	}

	@AfterAll
	static void stopNodes() {
		a.close();
		b.close();
	}

	@Test
	void aSubscriberOnOneNodeSeesTheJobsAnotherNodeRunsAndDeletes() {
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(a.port(), "viewer", "viewer-secret")) {
			socket.subscribe("jobs",
					"subscription { jobEvents(queueName: \"default\") { jobId queueName type state at } }", Map.of());
			// B learns that A wants job events within one round of the channel
			long id = await().atMost(Duration.ofSeconds(20)).until(() -> {
				long enqueued = b.bean(Jobs.class).enqueue(EnqueueRequest.of("probe", "{}")).job().id();
				await().atMost(Duration.ofSeconds(3))
					.until(() -> b.bean(Jobs.class).find(enqueued).orElseThrow().state() == JobState.COMPLETED);
				return states(socket, enqueued).contains("COMPLETED") ? enqueued : null;
			}, (found) -> found != null);

			// each node's events arrive in order, but another node's (B's WAITING when A
			// ran
			// the job) come through PostgreSQL and may arrive after this node's own
			assertThat(states(socket, id)).containsExactlyInAnyOrder("WAITING", "ACTIVE", "COMPLETED");
			b.bean(QueueControls.class).delete(id);
			await().atMost(Duration.ofSeconds(10)).until(() -> states(socket, id).contains("DELETED"));
		}
	}

	@Test
	void aSubscriberOnOneNodeSeesTheAlertsAnotherNodeRaises() {
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(a.port(), "viewer", "viewer-secret")) {
			socket.subscribe("alerts", "subscription { alertCreated { id queueName type severity message } }",
					Map.of());
			socket.subscribe("health", "subscription { queueHealthChanged { queueName status issues } }", Map.of());
			// give the server a moment to set the two subscriptions up before the alert
			await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(socket::acknowledged);
			b.bean(QueueControls.class).pause("search-reindex", "test");
			b.bean(Jobs.class)
				.enqueueAll(Collections.nCopies(200, EnqueueRequest.of("probe", "{}").onQueue("search-reindex")));
			// whichever node runs the interval, A's subscriber hears of it
			await().atMost(Duration.ofSeconds(30))
				.until(() -> socket.data("alerts")
					.stream()
					.anyMatch((alert) -> "search-reindex"
						.equals(alert.path("alertCreated").path("queueName").asString())));
			JsonNode alert = socket.data("alerts").get(0).path("alertCreated");
			assertThat(alert.path("message").asString()).isEqualTo("Queue depth: 200 >= 200");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> socket.data("health")
					.stream()
					.anyMatch(
							(health) -> "WARNING".equals(health.path("queueHealthChanged").path("status").asString())));
		}
	}

	@Test
	void theClusterTakesExactlyOneSnapshotPerInterval() {
		JdbcClient jdbc = a.bean(JdbcClient.class);
		long first = slots(jdbc).size();
		await().atMost(Duration.ofSeconds(30)).until(() -> slots(jdbc).size() >= first + 4);
		List<Map<String, Object>> perSlot = jdbc
			.sql("SELECT captured_at, COUNT(*) AS n FROM metric_snapshot WHERE queue_name = 'default'"
					+ " GROUP BY captured_at ORDER BY captured_at")
			.query()
			.listOfRows();
		assertThat(perSlot).allSatisfy((slot) -> assertThat(((Number) slot.get("n")).longValue()).isOne());
		List<OffsetDateTime> slots = slots(jdbc);
		for (int i = 1; i < slots.size(); i++) {
			assertThat(Duration.between(slots.get(i - 1), slots.get(i)).toMillis() % 2000).isZero();
		}
		long writers = jdbc.sql("SELECT COUNT(DISTINCT queue_name) FROM metric_snapshot").query(Long.class).single();
		assertThat(writers).as("every queue has its snapshot").isGreaterThan(20);
	}

	private static List<OffsetDateTime> slots(JdbcClient jdbc) {
		return jdbc
			.sql("SELECT DISTINCT captured_at FROM metric_snapshot WHERE queue_name = 'default' ORDER BY captured_at")
			.query(OffsetDateTime.class)
			.list();
	}

	private static List<String> states(GraphQlWebSocket socket, long id) {
		return socket.data("jobs")
			.stream()
			.map((data) -> data.path("jobEvents"))
			.filter((event) -> String.valueOf(id).equals(event.path("jobId").asString()))
			.map((event) -> event.path("state").asString())
			.toList();
	}

}
