package dev.batchyard.monitoring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.support.TestServers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alert notifications on PostgreSQL reach a real HTTP server (a webhook, signed, retried
 * after an HTTP 500) and a real SMTP server (GreenMail).
 */
class NotificationsIntegrationTests {

	private static final String QUEUE = "analytics-events";

	private static final String SECRET = "hook-secret";

	private static final List<Request> requests = new CopyOnWriteArrayList<>();

	private static final AtomicInteger calls = new AtomicInteger();

	private static HttpServer webhook;

	private static GreenMail smtp;

	private static MonitoredNode node;

	@BeforeAll
	static void start() throws IOException {
		webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		webhook.createContext("/hook", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			requests.add(new Request(new String(body, StandardCharsets.UTF_8),
					exchange.getRequestHeaders().getFirst("X-Batchyard-Signature")));
			// the first delivery fails: the notification must come again
			int status = (calls.incrementAndGet() == 1) ? 500 : 200;
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		webhook.start();
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
		smtp.start();
		node = MonitoredNode.start("notify-a", TestServers.freshPostgresDatabase("monitoring_notify"), null,
				"batchyard.monitoring.interval=1s", "batchyard.monitoring.counts-refresh=200ms",
				"batchyard.monitoring.notifications.webhooks[0].name=ops",
				"batchyard.monitoring.notifications.webhooks[0].url=http://127.0.0.1:" + webhook.getAddress().getPort()
						+ "/hook",
				"batchyard.monitoring.notifications.webhooks[0].secret=" + SECRET,
				"batchyard.monitoring.notifications.email.to[0]=oncall@example.com",
				"batchyard.monitoring.notifications.email.from=batchyard@example.com",
				"batchyard.monitoring.notifications.email.min-severity=WARNING",
				"batchyard.monitoring.notifications.initial-backoff=200ms",
				"batchyard.monitoring.notifications.delivery-interval=100ms", "spring.mail.host=127.0.0.1",
				"spring.mail.port=" + smtp.getSmtp().getPort());
		node.bean(QueueControls.class).pause(QUEUE, "test");
		node.bean(Jobs.class).enqueueAll(Collections.nCopies(201, EnqueueRequest.of("probe", "{}").onQueue(QUEUE)));
	}

	@AfterAll
	static void stop() {
		node.close();
		webhook.stop(0);
		smtp.stop();
	}

	@Test
	void aWebhookGetsASignedSlackCompatibleBodyAndIsRetriedAfterAServerError() throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> requests.size() >= 2);
		Request first = requests.get(0);
		Request retried = requests.get(1);
		assertThat(retried.body()).isEqualTo(first.body());
		assertThat(retried.signature()).isEqualTo("sha256=" + hmac(SECRET, retried.body()));
		JsonNode body = JsonMapper.builder().build().readTree(retried.body());
		assertThat(body.path("text").asString())
			.isEqualTo("[WARNING] " + QUEUE + ": Queue depth: 201 >= 200 (created)");
		assertThat(body.path("alert").path("type").asString()).isEqualTo("QUEUE_DEPTH");
		assertThat(body.path("alert").path("event").asString()).isEqualTo("CREATED");
		// delivered: no third call for the same change
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> requests.size() == 2);
	}

	@Test
	void anEmailReachesTheSmtpServer() throws Exception {
		assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
		MimeMessage message = smtp.getReceivedMessages()[0];
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
		assertThat(message.getFrom()[0].toString()).isEqualTo("batchyard@example.com");
		assertThat(message.getSubject())
			.isEqualTo("[Batchyard] [WARNING] " + QUEUE + ": Queue depth: 201 >= 200 (created)");
		assertThat(message.getContent().toString()).contains("type: QUEUE_DEPTH");
	}

	private static String hmac(String secret, String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
	}

	private record Request(String body, String signature) {
	}

}
