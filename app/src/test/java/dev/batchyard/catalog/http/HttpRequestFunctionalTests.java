package dev.batchyard.catalog.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.batchyard.catalog.Backoff;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * http-request against a real local HTTP server: a 503 retried, a Retry-After honoured
 * over the job's backoff, a 404 not retried, and a host off the allow-list refused.
 */
class HttpRequestFunctionalTests {

	private static HttpServer server;

	private static Node node;

	private static JobRuns runs;

	private static final List<Instant> busyCalls = new CopyOnWriteArrayList<>();

	private static final List<Instant> flakyCalls = new CopyOnWriteArrayList<>();

	private static final List<Instant> missingCalls = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/flaky", (exchange) -> {
			flakyCalls.add(Instant.now());
			byte[] body = "fine now".getBytes();
			exchange.getResponseHeaders().add("X-Answer", "42");
			exchange.sendResponseHeaders((flakyCalls.size() == 1) ? 503 : 200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.createContext("/busy", (exchange) -> {
			busyCalls.add(Instant.now());
			if (busyCalls.size() == 1) {
				exchange.getResponseHeaders().add("Retry-After", "2");
				exchange.sendResponseHeaders(429, -1);
			}
			else {
				exchange.sendResponseHeaders(204, -1);
			}
			exchange.close();
		});
		server.createContext("/missing", (exchange) -> {
			missingCalls.add(Instant.now());
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		server.start();
		node = Node.start("http-node", TestServers.freshPostgresDatabase("http_request"),
				"batchyard.engine.poll-interval=200ms", "batchyard.job-types.http.allowed-hosts=localhost");
		runs = new JobRuns(node.bean(Jobs.class));
	}

	@AfterAll
	static void stop() {
		node.close();
		server.stop(0);
	}

	@Test
	void a503IsRetriedAndTheAnswerBecomesTheResult() {
		Job done = runs.run("http-request", "{\"url\": \"" + url("/flaky") + "\"}");

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(done.failures().get(0).errorMessage()).contains("answered 503");
		assertThat(done.result()).contains("\"status\":200", "\"body\":\"fine now\"", "\"bodyTruncated\":false")
			.containsIgnoringCase("\"x-answer\":[\"42\"]");
	}

	@Test
	void aRetryAfterIsTheNextDelayInsteadOfTheBackoff() {
		// a backoff of ten minutes: only the server's two seconds let the job finish
		Job done = runs.run(EnqueueRequest.of("http-request", "{\"url\": \"" + url("/busy") + "\"}")
			.withRetries(3, Backoff.fixed(Duration.ofMinutes(10))));

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(Duration.between(busyCalls.get(0), busyCalls.get(1)))
			.isGreaterThanOrEqualTo(Duration.ofMillis(1900));
	}

	@Test
	void a404FailsAtOnceWithAttemptsLeft() {
		Job done = runs.run("http-request",
				"{\"method\": \"POST\", \"url\": \"" + url("/missing") + "\", \"body\": \"x\"}");

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.failures().get(0).errorMessage()).contains("answered 404");
		assertThat(missingCalls).hasSize(1);
	}

	@Test
	void aHostOffTheAllowListIsNeverCalled() {
		Job done = runs.run("http-request",
				"{\"url\": \"http://127.0.0.1:" + server.getAddress().getPort() + "/missing\"}");

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.failures().get(0).errorMessage()).contains("allowed-hosts");
	}

	private static String url(String path) {
		return "http://localhost:" + server.getAddress().getPort() + path;
	}

}
