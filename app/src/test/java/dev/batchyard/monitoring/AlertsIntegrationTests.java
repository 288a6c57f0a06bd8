package dev.batchyard.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.support.ApiClient.Response;
import dev.batchyard.support.MovableClock;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queue depth alerts on PostgreSQL, through the API with a real login, with an injected
 * clock: raised within one interval past 200 waiting jobs, escalated in place past 500,
 * acknowledged by the admin, raised again when the acknowledgment lapses after an hour,
 * resolved when the queue is drained.
 */
class AlertsIntegrationTests {

	private static final String QUEUE = "email-campaigns";

	private static final String ALERT_FIELDS = "id severity queueName type message value threshold timestamp"
			+ " createdAt acknowledged acknowledgedBy acknowledgedAt resolvedAt";

	/**
	 * A queue with its own depth thresholds: warning from the catalog, critical from
	 * monitoring.
	 */
	private static final String OWN_THRESHOLDS = "search-reindex";

	private static final MovableClock time = new MovableClock();

	private static MonitoredNode node;

	@BeforeAll
	static void startNode() {
		node = MonitoredNode.start("alerts-a", TestServers.freshPostgresDatabase("monitoring_alerts"), time,
				"batchyard.monitoring.interval=1s", "batchyard.monitoring.counts-refresh=200ms",
				"batchyard.catalog.queues." + OWN_THRESHOLDS + ".alerts.queue-depth.warning=3",
				"batchyard.monitoring.queues." + OWN_THRESHOLDS + ".queue-depth.critical=4");
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void aDeepQueueRaisesOneAlertThatEscalatesIsAcknowledgedLapsesAndResolves() {
		node.bean(QueueControls.class).pause(QUEUE, "test");
		enqueue(201);

		JsonNode warning = awaitOneActiveAlert("WARNING");
		assertThat(warning.path("type").asString()).isEqualTo("QUEUE_DEPTH");
		assertThat(warning.path("message").asString()).isEqualTo("Queue depth: 201 >= 200");
		assertThat(warning.path("threshold").asDouble()).isEqualTo(200);
		assertThat(health().path("status").asString()).isEqualTo("WARNING");

		enqueue(300);
		JsonNode critical = awaitOneActiveAlert("CRITICAL");
		assertThat(critical.path("id").asString()).isEqualTo(warning.path("id").asString());
		assertThat(critical.path("message").asString()).isEqualTo("Queue depth: 501 >= 500");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(health().path("status").asString()).isEqualTo("CRITICAL");
			assertThat(health().path("issues").get(0).asString()).isEqualTo("Queue depth: 501 >= 500");
		});
		assertThat(alerts(QUEUE, "acknowledged: null, includeResolved: true")).hasSize(1);
		Response actuator = node.admin().get("/actuator/health");
		assertThat(actuator.json().path("status").asString()).isEqualTo("UP");
		assertThat(actuator.json()
			.path("components")
			.path("monitoring")
			.path("details")
			.path("critical")
			.path(QUEUE)
			.get(0)
			.asString()).isEqualTo("Queue depth: 501 >= 500");
		assertThat(node.anonymous().get("/actuator/health/readiness").json().path("status").asString()).isEqualTo("UP");

		Instant before = time.instant();
		Response acknowledged = node.admin()
			.graphql("mutation($id: ID!) { acknowledgeAlert(alertId: $id) { success alert { " + ALERT_FIELDS + " } } }",
					Map.of("id", critical.path("id").asString()));
		JsonNode alert = acknowledged.json().path("data").path("acknowledgeAlert").path("alert");
		assertThat(acknowledged.json().path("data").path("acknowledgeAlert").path("success").asBoolean()).isTrue();
		assertThat(alert.path("acknowledged").asBoolean()).isTrue();
		assertThat(alert.path("acknowledgedBy").asString()).isEqualTo("admin");
		Instant acknowledgedAt = Instant.parse(alert.path("acknowledgedAt").asString());
		assertThat(acknowledgedAt).isBetween(before, time.instant());
		assertThat(alerts(QUEUE, "")).isEmpty();
		assertThat(alerts(QUEUE, "acknowledged: true")).hasSize(1);

		time.advance(Duration.ofMinutes(59));
		waitForTwoRuns();
		assertThat(alerts(QUEUE, "")).as("an acknowledgment holds for an hour").isEmpty();

		time.advance(Duration.ofMinutes(2));
		JsonNode reraised = awaitOneActiveAlert("CRITICAL");
		assertThat(reraised.path("id").asString()).isEqualTo(critical.path("id").asString());
		assertThat(reraised.path("acknowledged").asBoolean()).isFalse();
		assertThat(Instant.parse(reraised.path("timestamp").asString())).isAfter(acknowledgedAt);

		node.bean(QueueControls.class).resume(QUEUE, "test");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			List<JsonNode> all = alerts(QUEUE, "acknowledged: null, includeResolved: true");
			assertThat(all).hasSize(1);
			assertThat(all.get(0).path("resolvedAt").isNull()).isFalse();
		});
		assertThat(alerts(QUEUE, "")).isEmpty();
		assertThat(health().path("status").asString()).isEqualTo("HEALTHY");
	}

	@Test
	void aViewerCannotAcknowledgeAndAnUnknownAlertIsNotFound() {
		Response viewer = node.viewer().graphql("mutation { acknowledgeAlert(alertId: \"1\") { success } }");
		assertThat(viewer.errorCode()).isEqualTo("FORBIDDEN");
		Response unknown = node.admin().graphql("mutation { acknowledgeAlert(alertId: \"424242\") { success } }");
		assertThat(unknown.errorCode()).isEqualTo("ALERT_NOT_FOUND");
		Response notANumber = node.admin().graphql("mutation { acknowledgeAlert(alertId: \"abc\") { success } }");
		assertThat(notANumber.errorCode()).isEqualTo("ALERT_NOT_FOUND");
		Response unknownQueue = node.viewer().graphql("{ alerts(queueName: \"nope\") { id } }");
		assertThat(unknownQueue.errorCode()).isEqualTo("QUEUE_NOT_FOUND");
	}

	@Test
	void historyLimitOutsideOneToAThousandIsRefused() {
		for (int limit : new int[] { 0, 1001, -5 }) {
			Response response = node.viewer()
				.graphql("{ queueMetrics(queueName: \"default\", history: true, historyLimit: " + limit
						+ ") { current { waiting } } }");
			assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETERS");
		}
		Response fine = node.viewer()
			.graphql("{ queueMetrics(queueName: \"default\", history: true, historyLimit: 1000) { current { waiting }"
					+ " history { timestamp } } }");
		assertThat(fine.json().path("errors").isMissingNode()).as(fine.body()).isTrue();
	}

	@Test
	void aQueuesOwnThresholdsFromTheCatalogAndMonitoringApply() {
		node.bean(QueueControls.class).pause(OWN_THRESHOLDS, "test");
		enqueue(OWN_THRESHOLDS, 3);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(health(OWN_THRESHOLDS).path("status").asString()).isEqualTo("WARNING");
			assertThat(health(OWN_THRESHOLDS).path("issues").get(0).asString()).isEqualTo("Queue depth: 3 >= 3");
		});
		enqueue(OWN_THRESHOLDS, 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(health(OWN_THRESHOLDS).path("issues").get(0).asString())
				.isEqualTo("Queue depth: 4 >= 4"));
		assertThat(health(OWN_THRESHOLDS).path("status").asString()).isEqualTo("CRITICAL");
	}

	private static void enqueue(int count) {
		enqueue(QUEUE, count);
	}

	private static void enqueue(String queue, int count) {
		node.bean(Jobs.class).enqueueAll(Collections.nCopies(count, EnqueueRequest.of("probe", "{}").onQueue(queue)));
	}

	private static JsonNode awaitOneActiveAlert(String severity) {
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			List<JsonNode> active = alerts(QUEUE, "");
			assertThat(active).hasSize(1);
			assertThat(active.get(0).path("severity").asString()).isEqualTo(severity);
		});
		return alerts(QUEUE, "").get(0);
	}

	private static void waitForTwoRuns() {
		node.bean(Monitoring.class).run();
		node.bean(Monitoring.class).run();
	}

	static List<JsonNode> alerts(String queue, String arguments) {
		Response response = node.viewer()
			.graphql("{ alerts(queueName: \"" + queue + "\"" + (arguments.isEmpty() ? "" : ", " + arguments) + ") { "
					+ ALERT_FIELDS + " } }");
		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		return response.json().path("data").path("alerts").valueStream().toList();
	}

	private static JsonNode health() {
		return health(QUEUE);
	}

	private static JsonNode health(String queue) {
		Response response = node.viewer()
			.graphql("{ queuesHealth { queueName healthy status issues"
					+ " metrics { waiting active delayed oldestWaitingMs poolSize busyWorkers } timestamp } }");
		return response.json()
			.path("data")
			.path("queuesHealth")
			.valueStream()
			.filter((health) -> queue.equals(health.path("queueName").asString()))
			.findFirst()
			.orElseThrow();
	}

}
