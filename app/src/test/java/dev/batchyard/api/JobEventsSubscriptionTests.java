package dev.batchyard.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.batchyard.support.GraphQlWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The jobEvents subscription over a real WebSocket (graphql-transport-ws at /graphql),
 * behind the same HTTP Basic login as the rest of the API.
 */
class JobEventsSubscriptionTests extends ApiTestSupport {

	@Autowired
	JobEventStream stream;

	private static final String JOB_EVENTS = """
			subscription($q: String) { jobEvents(queueName: $q) { jobId queueName type state at } }""";

	@Test
	void aViewerReceivesTheEventsOfAJobFromEnqueueToCompletion() {
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(this.port, "viewer", "viewer-secret")) {
			subscribe(socket, "1", Map.of("q", "deliverability-monitoring"));

			String id = enqueue(probe("deliverability-monitoring", Map.of())).path("id").asString();
			String other = enqueue(probe("cache-maintenance", Map.of())).path("id").asString();

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(
						() -> assertThat(states(socket, "1", id)).containsExactly("WAITING", "ACTIVE", "COMPLETED"));
			JsonNode event = socket.data("1").get(0).path("jobEvents");
			assertThat(event.path("queueName").asString()).isEqualTo("deliverability-monitoring");
			assertThat(event.path("type").asString()).isEqualTo("probe");
			assertThat(event.path("at").asString()).endsWith("Z");
			awaitState(other, "COMPLETED");
			assertThat(socket.data("1"))
				.noneMatch((data) -> data.path("jobEvents").path("jobId").asString().equals(other));
		}
	}

	@Test
	void aFailedAttemptARetryAndACancelAreEvents() {
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(this.port, "admin", "admin-secret")) {
			subscribe(socket, "all", Map.of());

			Map<String, Object> failing = new HashMap<>(probe("analytics-events", Map.of("failAttempts", 5)));
			failing.put("maxAttempts", 2);
			failing.put("backoff", Map.of("type", "FIXED", "delayMs", 3_600_000L));
			String id = enqueue(failing).path("id").asString();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(
						() -> assertThat(states(socket, "all", id)).containsExactly("WAITING", "ACTIVE", "DELAYED"));

			admin().graphql("mutation($id: ID!) { cancelJob(id: $id) { id } }", Map.of("id", id));
			admin().graphql("mutation($id: ID!) { retryJob(id: $id) { id } }", Map.of("id", id));

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(states(socket, "all", id)).startsWith("WAITING", "ACTIVE", "DELAYED",
						"CANCELLED", "WAITING", "ACTIVE", "DELAYED"));
			admin().graphql("mutation($id: ID!) { cancelJob(id: $id) { id } }", Map.of("id", id));
		}
	}

	@Test
	void anUnknownQueueIsQueueNotFound() {
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(this.port, "viewer", "viewer-secret")) {
			await().atMost(Duration.ofSeconds(10)).until(socket::acknowledged);
			socket.subscribe("bad", JOB_EVENTS, Map.of("q", "no-such-queue"));

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(socket.messages()).anySatisfy((message) -> {
					assertThat(message.path("id").asString()).isEqualTo("bad");
					assertThat(message.path("type").asString()).isIn("error", "next");
					assertThat(message.toString()).contains("QUEUE_NOT_FOUND");
				}));
		}
	}

	@Test
	void theHandshakeWithoutCredentialsIsRefusedWith401() {
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> GraphQlWebSocket.connectAnonymously(this.port).get(10, TimeUnit.SECONDS))
			.havingRootCause()
			.withMessageContaining("401");
	}

	/**
	 * Subscribes and waits until the server listens to the node's events: one published
	 * before would not reach the subscription.
	 */
	private void subscribe(GraphQlWebSocket socket, String id, Map<String, Object> variables) {
		await().atMost(Duration.ofSeconds(10)).until(socket::acknowledged);
		int before = this.stream.subscribers();
		socket.subscribe(id, JOB_EVENTS, variables);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.stream.subscribers() > before);
	}

	private static List<String> states(GraphQlWebSocket socket, String subscription, String jobId) {
		return socket.data(subscription)
			.stream()
			.map((data) -> data.path("jobEvents"))
			.filter((event) -> event.path("jobId").asString().equals(jobId))
			.map((event) -> event.path("state").asString())
			.toList();
	}

}
