package dev.batchyard.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The burst that once stopped a cluster: three {@code prod} nodes on an empty database,
 * 5,000 {@code probe {sleepMs: 250}} jobs (one in five on {@code analytics-events})
 * enqueued over HTTP in batches of 100 aliased {@code enqueueJob} mutations. Every node's
 * connections plan with nested loops only (hash and merge joins, hashed aggregates, sorts
 * and materialization off), the plan under which a claim once took more jobs than it
 * asked for and killed its dispatcher. The whole burst must drain without a restart,
 * every job completing on its first attempt.
 */
class BurstOnAFreshClusterIntegrationTests {

	private static final int JOBS = 5_000;

	private static final int BATCH = 100;

	private static final String PASSWORD = "chaos-admin-secret";

	private static final String NESTED_LOOPS_ONLY = "options=-c%20enable_hashjoin=off%20-c%20enable_mergejoin=off"
			+ "%20-c%20enable_hashagg=off%20-c%20enable_sort=off%20-c%20enable_material=off";

	private final List<Node> nodes = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(Node::close);
	}

	@Test
	void fiveThousandJobsEnqueuedInAliasedBatchesDrainOnThreeNodesWithNoAttemptLost() {
		String url = TestServers.freshPostgresDatabase("burst_fresh_cluster") + "&" + NESTED_LOOPS_ONLY;
		// 20 workers a queue on each node instead of 5: the same burst, drained in a
		// quarter of the time
		String[] settings = { "spring.profiles.active=prod", "spring.datasource.hikari.maximum-pool-size=20",
				"batchyard.security.admin.password=" + PASSWORD, "batchyard.catalog.queues.default.concurrency=20",
				"batchyard.catalog.queues.default.max-workers=20",
				"batchyard.catalog.queues.analytics-events.concurrency=20",
				"batchyard.catalog.queues.analytics-events.max-workers=20" };
		this.nodes.add(Node.startServing("burst-a", url, settings));
		this.nodes.add(Node.start("burst-b", url, settings));
		this.nodes.add(Node.start("burst-c", url, settings));
		ApiClient admin = ApiClient.as(this.nodes.get(0).port(), "admin", PASSWORD);

		long start = System.nanoTime();
		for (int first = 0; first < JOBS; first += BATCH) {
			ApiClient.Response response = admin.graphql(aliasedEnqueues(first));
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		}
		JdbcClient jdbc = this.nodes.get(0).bean(JdbcClient.class);
		await().atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> count(jdbc, "state = 'completed'") == JOBS);
		Duration drained = Duration.ofNanos(System.nanoTime() - start);

		assertThat(count(jdbc, "attempts <> 1")).as("jobs that took other than one attempt").isZero();
		assertThat(count(jdbc, "true")).isEqualTo(JOBS);
		Map<String, Integer> byNode = jdbc.sql("SELECT node_id, count(*) FROM job GROUP BY node_id")
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(byNode).as("every node drained part of the burst").hasSize(3);
		double overClaimed = this.nodes.stream()
			.mapToDouble((node) -> node.bean(MeterRegistry.class)
				.find("batchyard.dispatcher.overclaimed")
				.counters()
				.stream()
				.mapToDouble((counter) -> counter.count())
				.sum())
			.sum();
		System.out.printf("Burst of %d jobs drained on 3 nodes in %d ms; jobs per node %s; over-claimed %.0f%n", JOBS,
				drained.toMillis(), byNode, overClaimed);
	}

	private static String aliasedEnqueues(int first) {
		StringBuilder mutation = new StringBuilder("mutation {");
		for (int i = first; i < first + BATCH; i++) {
			String queue = (i % 5 == 4) ? "analytics-events" : "default";
			mutation.append(" j")
				.append(i)
				.append(": enqueueJob(input: {type: \"probe\", queueName: \"")
				.append(queue)
				.append("\", payload: {sleepMs: 250}, maxAttempts: 1}) { id }");
		}
		return mutation.append(" }").toString();
	}

	private static int count(JdbcClient jdbc, String condition) {
		return jdbc.sql("SELECT count(*) FROM job WHERE " + condition).query(Integer.class).single();
	}

}
