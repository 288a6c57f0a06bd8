package dev.batchyard.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import dev.batchyard.support.GraphQlWebSocket;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ENQUEUER role of applications, through HTTP with the shipped configuration: it may
 * enqueue and follow its own jobs, and nothing else.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:enqueuer-role;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.users[0].name=shop",
				"batchyard.security.users[0].password=shop-secret", "batchyard.security.users[0].role=ENQUEUER",
				"batchyard.security.users[1].name=billing", "batchyard.security.users[1].password=billing-secret",
				"batchyard.security.users[1].role=ENQUEUER" })
class EnqueuerRoleTests {

	private static final String ENQUEUE = "mutation($q: String) { enqueueJob(input: { type: \"probe\","
			+ " queueName: $q, payload: { sleepMs: 0 } }) { id } }";

	private static final String JOBS = "{ jobs(first: 50) { totalCount edges { node { id } } } }";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	private ApiClient shop() {
		return ApiClient.as(this.port, "shop", "shop-secret");
	}

	private ApiClient billing() {
		return ApiClient.as(this.port, "billing", "billing-secret");
	}

	private ApiClient admin() {
		return ApiClient.as(this.port, "admin", "admin-secret");
	}

	private static String enqueue(ApiClient client, String queue) {
		Response response = client.graphql(ENQUEUE, Map.of("q", queue));
		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		return response.json().path("data").path("enqueueJob").path("id").asString();
	}

	private static List<String> ids(Response jobs) {
		return jobs.json()
			.path("data")
			.path("jobs")
			.path("edges")
			.valueStream()
			.map((edge) -> edge.path("node").path("id").asString())
			.toList();
	}

	@Test
	void anEnqueuerSeesOnlyTheJobsItEnqueued() {
		String first = enqueue(shop(), "metrics-rollup");
		String second = enqueue(shop(), "metrics-rollup");
		String billings = enqueue(billing(), "metrics-rollup");
		String admins = enqueue(admin(), "metrics-rollup");

		List<String> shopSees = ids(shop().graphql(JOBS));
		assertThat(shopSees).contains(first, second).doesNotContain(billings, admins);
		assertThat(ids(billing().graphql(JOBS))).contains(billings).doesNotContain(first, second, admins);
		assertThat(ids(admin().graphql(JOBS))).contains(first, second, billings, admins);
		String job = "query($id: ID!) { job(id: $id) { id } }";
		assertThat(shop().graphql(job, Map.of("id", first)).json().path("data").path("job").path("id").asString())
			.isEqualTo(first);
		Response others = shop().graphql(job, Map.of("id", billings));
		assertThat(others.json().path("data").path("job").isNull()).as(others.body()).isTrue();
	}

	@Test
	void anEnqueuerCannotPauseAQueueReadTheAuditLogOrAnythingElse() {
		for (String document : List.of("mutation { pauseQueue(queueName: \"token-cleanup\") { success } }",
				"{ auditLog(limit: 5) { actor } }", "{ queues { name } }", "{ ... on Query { queues { name } } }",
				"query { ...Everything } fragment Everything on Query { rateLimits { limiterName } }",
				"{ apiTokens { name } }", "mutation { createApiToken(input: { name: \"x\", role: ADMIN }) { secret } }",
				"mutation { cancelJob(id: \"1\") { id } }")) {
			Response refused = shop().graphql(document);
			assertThat(refused.errorCode()).as(document).isEqualTo("FORBIDDEN");
			assertThat(refused.json().path("data").isMissingNode() || refused.json().path("data").isNull()
					|| refused.json().path("data").isEmpty())
				.as(refused.body())
				.isTrue();
		}
		assertThat(admin().graphql("{ queue(name: \"token-cleanup\") { paused } }")
			.json()
			.path("data")
			.path("queue")
			.path("paused")
			.asBoolean()).isFalse();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM api_token").query(Long.class).single()).isZero();
		assertThat(shop().get("/actuator/metrics").status()).isEqualTo(403);
	}

	@Test
	void anEnqueuersEnqueuesAreCountedNotAuditedWhileItsRefusedAttemptsAndAdminEnqueuesAre() {
		double before = count("shop", "OK");
		long auditedBefore = audited("shop", "enqueueJob");

		enqueue(shop(), "scheduled-blog-publishing");
		enqueue(shop(), "scheduled-blog-publishing");
		shop().graphql("mutation { pauseQueue(queueName: \"search-reindex\") { success } }");
		enqueue(admin(), "scheduled-blog-publishing");

		assertThat(count("shop", "OK")).isEqualTo(before + 2);
		assertThat(audited("shop", "enqueueJob")).isEqualTo(auditedBefore);
		assertThat(audited("shop", "pauseQueue")).isPositive();
		assertThat(audited("admin", "enqueueJob")).isPositive();
	}

	@Test
	void anEnqueuerFollowsTheEventsOfItsOwnJobsOnly() {
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(this.port, "shop", "shop-secret")) {
			await().atMost(Duration.ofSeconds(10)).until(socket::acknowledged);
			socket.subscribe("mine",
					"subscription { jobEvents(queueName: \"deliverability-monitoring\") { jobId state } }", Map.of());
			// the subscription listens once the server has seen it; enqueue until it does
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
				String own = enqueue(shop(), "deliverability-monitoring");
				return socket.data("mine")
					.stream()
					.anyMatch((data) -> data.path("jobEvents").path("jobId").asString().equals(own));
			});
			String others = enqueue(billing(), "deliverability-monitoring");
			String own = enqueue(shop(), "deliverability-monitoring");

			await().atMost(Duration.ofSeconds(20))
				.until(() -> socket.data("mine")
					.stream()
					.map((data) -> data.path("jobEvents"))
					.anyMatch((event) -> event.path("jobId").asString().equals(own)
							&& event.path("state").asString().equals("COMPLETED")));
			assertThat(socket.data("mine")).map((data) -> data.path("jobEvents").path("jobId").asString())
				.doesNotContain(others);
			List<JsonNode> errors = socket.messages()
				.stream()
				.filter((m) -> "error".equals(m.path("type").asString()))
				.toList();
			assertThat(errors).isEmpty();
		}
	}

	@Test
	void anEnqueuerCannotSubscribeToAnythingElse() {
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(this.port, "shop", "shop-secret")) {
			await().atMost(Duration.ofSeconds(10)).until(socket::acknowledged);
			socket.subscribe("other", "subscription { jobEvents { jobId } } ", Map.of());
			socket.subscribe("sneaky", "query { queues { name } }", Map.of());

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(socket.messages()).anySatisfy((message) -> {
					assertThat(message.path("id").asString()).isEqualTo("sneaky");
					assertThat(message.toString()).contains("FORBIDDEN");
				}));
		}
	}

	private double count(String principal, String outcome) {
		var counter = this.meters.find("batchyard.api.enqueues")
			.tag("principal", principal)
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long audited(String actor, String operation) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND operation = ?")
			.params(actor, operation)
			.query(Long.class)
			.single();
	}

}
