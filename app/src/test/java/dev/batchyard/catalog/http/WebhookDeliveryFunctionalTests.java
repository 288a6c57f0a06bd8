package dev.batchyard.catalog.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.batchyard.catalog.JobRuns;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * webhook-delivery to a real local receiver that verifies every delivery's signature the
 * way the README tells receivers to, and is down for the first one.
 */
class WebhookDeliveryFunctionalTests {

	private static final String SECRET = "whsec-test";

	private static HttpServer receiver;

	private static Node node;

	private static JobRuns runs;

	private static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	record Delivery(String eventId, String timestamp, String signature, String body, boolean verified) {
	}

	@BeforeAll
	static void start() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hook", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			String timestamp = exchange.getRequestHeaders().getFirst("X-Batchyard-Timestamp");
			String signature = exchange.getRequestHeaders().getFirst("X-Batchyard-Signature");
			deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Batchyard-Event-Id"), timestamp,
					signature, new String(body, StandardCharsets.UTF_8),
					WebhookSignature.verify(SECRET, timestamp, body, signature)));
			exchange.sendResponseHeaders((deliveries.size() == 1) ? 503 : 204, -1);
			exchange.close();
		});
		receiver.start();
		node = Node.start("webhook-node", TestServers.freshPostgresDatabase("webhook_delivery"),
				"batchyard.engine.poll-interval=200ms", "batchyard.job-types.http.allowed-hosts=localhost",
				"batchyard.job-types.http.webhook-secret=" + SECRET);
		runs = new JobRuns(node.bean(Jobs.class));
	}

	@AfterAll
	static void stop() {
		node.close();
		receiver.stop(0);
	}

	@Test
	void aSignedEventIsRedeliveredAfterA503WithTheSameEventIdAndAVerifiableSignature() {
		Job done = runs.run("webhook-delivery", "{\"url\": \"http://localhost:" + receiver.getAddress().getPort()
				+ "/hook\", \"event\": \"order.paid\", \"data\": {\"orderId\": 7}}");

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(deliveries).hasSize(2).allSatisfy((delivery) -> {
			assertThat(delivery.verified()).isTrue();
			assertThat(delivery.eventId()).isEqualTo("evt_" + done.id());
			assertThat(delivery.body())
				.isEqualTo("{\"id\":\"evt_" + done.id() + "\",\"type\":\"order.paid\",\"data\":{\"orderId\":7}}");
		});
		assertThat(done.result()).contains("\"status\":204");
		Delivery first = deliveries.get(0);
		assertThat(WebhookSignature.verify(SECRET, first.timestamp(),
				first.body().replace("7", "8").getBytes(StandardCharsets.UTF_8), first.signature()))
			.as("a tampered body fails verification")
			.isFalse();
		assertThat(WebhookSignature.verify("another-secret", first.timestamp(),
				first.body().getBytes(StandardCharsets.UTF_8), first.signature()))
			.isFalse();
	}

	@Test
	void aWebhookGetsFifteenAttemptsAndAOneMinuteTimeoutWhenItsEnqueuerNamesNeither() {
		long id = node.bean(Jobs.class)
			.enqueue(EnqueueRequest
				.of("webhook-delivery", "{\"url\": \"http://localhost:1/hook\", \"event\": \"order.paid\"}")
				.withDelay(java.time.Duration.ofHours(1)))
			.job()
			.id();

		assertThat(node.bean(Jobs.class).find(id).orElseThrow().maxAttempts()).isEqualTo(15);
		assertThat(node.bean(JdbcClient.class)
			.sql("SELECT timeout_ms FROM job WHERE id = ?")
			.param(id)
			.query(Long.class)
			.single()).as("the type's own timeout").isEqualTo(60_000L);
	}

}
