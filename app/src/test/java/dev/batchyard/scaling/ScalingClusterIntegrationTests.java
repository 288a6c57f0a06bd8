package dev.batchyard.scaling;

import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.catalog.probe.ProbeJobType;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.engine.Workers;
import dev.batchyard.limits.RateLimits;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL database, scaling every 2 s: a burst on a queue with min 1
 * and max 8 scales it up within one interval, split over both nodes; the cooldown holds
 * it and counts down; drained and past the scale-down cooldown it goes back to min; the
 * history lists what was done. And a queue whose rate limiter is used up stays put, with
 * the reason saying so.
 */
class ScalingClusterIntegrationTests {

	private static final String QUEUE = "license-management";

	private static final String LIMITED = "tax-form-processing";

	private static final String FAILING = "payout-processing";

	private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private static JdbcClient jdbc;

	@BeforeAll
	static void startTwoNodes() {
		String url = TestServers.freshPostgresDatabase("scaling_cluster");
		for (String node : List.of("node-a", "node-b")) {
			nodes.add(new SpringApplicationBuilder(BatchyardApplication.class).run("--spring.datasource.url=" + url,
					"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
					"--batchyard.node.id=" + node, "--spring.main.web-application-type=none",
					"--spring.main.banner-mode=off", "--batchyard.scaling.interval=2s",
					"--batchyard.monitoring.counts-refresh=500ms",
					"--batchyard.catalog.queues." + QUEUE + ".concurrency=1",
					"--batchyard.catalog.queues." + QUEUE + ".min-workers=1",
					"--batchyard.catalog.queues." + QUEUE + ".max-workers=8",
					"--batchyard.scaling.queues." + QUEUE + ".scale-up-threshold.queue-depth=20",
					"--batchyard.scaling.queues." + QUEUE + ".scale-down-threshold.queue-depth=2",
					"--batchyard.scaling.queues." + QUEUE + ".cooldown-seconds.scale-up=10",
					"--batchyard.scaling.queues." + QUEUE + ".cooldown-seconds.scale-down=10",
					"--batchyard.scaling.queues." + LIMITED + ".scale-up-threshold.queue-depth=5",
					"--batchyard.scaling.queues." + FAILING + ".scale-up-threshold.queue-depth=5"));
		}
		jdbc = nodes.get(0).getBean(JdbcClient.class);
	}

	@AfterAll
	static void stopTheNodes() {
		nodes.reversed().forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void aBurstScalesUpOverBothNodesWaitsOutItsCooldownsAndGoesBackToMinOnceDrained() {
		List<EnqueueRequest> burst = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			burst.add(EnqueueRequest.of(ProbeJobType.NAME, "{\"sleepMs\": 150}").onQueue(QUEUE));
		}
		nodes.get(0).getBean(Jobs.class).enqueueAll(burst);

		// within one interval of the counts showing the burst (2 s, plus the 0.5 s
		// refresh)
		await().atMost(Duration.ofSeconds(8)).until(() -> target() != null && target() > 2);
		int target = target();
		await().atMost(Duration.ofSeconds(5)).until(() -> poolSize(0) + poolSize(1) == target);
		assertThat(poolSize(0)).as("node-a's share of %d", target).isEqualTo((target + 1) / 2);
		assertThat(poolSize(1)).as("node-b's share of %d", target).isEqualTo(target / 2);

		ScalingDecision cooling = scaling(1).decide(QUEUE);
		assertThat(cooling.action()).isEqualTo(ScalingAction.MAINTAIN);
		assertThat(cooling.cooldownRemainingSeconds()).isBetween(1L, 10L);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> scaling(1).decide(QUEUE).cooldownRemainingSeconds() < cooling.cooldownRemainingSeconds());
		assertThat(target()).as("nothing changes during the cooldown").isEqualTo(target);

		await().atMost(Duration.ofSeconds(90))
			.until(() -> jdbc.sql("SELECT COUNT(*) FROM job WHERE queue_name = ? AND state = 'completed'")
				.param(QUEUE)
				.query(Long.class)
				.single() == 400);
		await().atMost(Duration.ofSeconds(30)).until(() -> target() == 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> poolSize(0) == 1 && poolSize(1) == 1);

		List<ScalingDecision> history = scaling(0).history(QUEUE, 100, null);
		assertThat(history).isNotEmpty();
		assertThat(history.get(0).action()).isEqualTo(ScalingAction.SCALE_DOWN);
		assertThat(history.get(0).targetWorkers()).isEqualTo(1);
		assertThat(history.get(0).executedAt()).isNotNull();
		assertThat(history.get(0).reason()).startsWith("Queue depth: 0 <= 2");
		assertThat(history).filteredOn((decision) -> decision.action() == ScalingAction.SCALE_UP)
			.isNotEmpty()
			.allSatisfy((decision) -> {
				assertThat(decision.reason()).matches("Queue depth: \\d+ >= 20");
				assertThat(decision.targetWorkers()).isGreaterThan(decision.currentWorkers()).isLessThanOrEqualTo(8);
			});
		assertThat(history).extracting(ScalingDecision::executedAt).isSortedAccordingTo(Comparator.reverseOrder());
	}

	@Test
	void aQueueWhoseRateLimiterIsUsedUpDoesNotScaleUpAndSaysWhy() {
		nodes.get(0).getBean(QueueControls.class).pause(LIMITED, "test");
		RateLimits limits = nodes.get(0).getBean(RateLimits.class);
		while (limits.tryAcquire("taxGeneration").granted()) {
			// use up the minute's permits
		}
		List<EnqueueRequest> backlog = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			backlog.add(EnqueueRequest.of(ProbeJobType.NAME, "{}").onQueue(LIMITED));
		}
		nodes.get(0).getBean(Jobs.class).enqueueAll(backlog);

		await().atMost(Duration.ofSeconds(5)).until(() -> scaling(0).decide(LIMITED).metrics().queueDepth() >= 10);
		ScalingDecision decision = scaling(0).decide(LIMITED);

		assertThat(decision.action()).isEqualTo(ScalingAction.MAINTAIN);
		assertThat(decision.reason()).startsWith("Queue depth: 10 >= 5, but its rate limiter taxGeneration is denying"
				+ " permits (per minute 10/10 used)");
	}

	@Test
	void aQueueWhoseJobsFailDoesNotScaleUpAndSaysWhy() {
		List<EnqueueRequest> failing = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			failing.add(EnqueueRequest.of(ProbeJobType.NAME, "{\"failAttempts\": 5}")
				.onQueue(FAILING)
				.withRetries(1, null));
		}
		nodes.get(0).getBean(Jobs.class).enqueueAll(failing);
		await().atMost(Duration.ofSeconds(20)).until(() -> scaling(1).decide(FAILING).metrics().errorRate() >= 50);
		nodes.get(0).getBean(QueueControls.class).pause(FAILING, "test");
		List<EnqueueRequest> backlog = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			backlog.add(EnqueueRequest.of(ProbeJobType.NAME, "{}").onQueue(FAILING));
		}
		nodes.get(0).getBean(Jobs.class).enqueueAll(backlog);

		await().atMost(Duration.ofSeconds(5)).until(() -> scaling(1).decide(FAILING).metrics().queueDepth() >= 10);
		ScalingDecision decision = scaling(1).decide(FAILING);

		assertThat(decision.action()).isEqualTo(ScalingAction.MAINTAIN);
		assertThat(decision.reason()).startsWith("Queue depth: 10 >= 5, but its error rate 100.0% >= 5.0% (its alert"
				+ " threshold): the dependency is failing");
	}

	@Test
	void anAdminsChangeOnOneNodeIsTheOtherNodesPolicyAtOnce() {
		ScalingPolicy changed = scaling(0).update("default",
				new ScalingPolicyChange(null, 12, null, null, new ScalingPolicy.Cooldowns(30, null)), "ops");

		assertThat(changed.maxWorkers()).isEqualTo(12);
		assertThat(scaling(1).policy("default")).isEqualTo(changed);
	}

	@Test
	void aNodeThatJoinsOrLeavesChangesTheSplit() {
		String queue = "cache-maintenance";
		scaling(0).update(queue, new ScalingPolicyChange(4, 5, null, null, null), "test");
		jdbc.sql("UPDATE queue_state SET target_workers = 4 WHERE queue_name = ?").param(queue).update();
		await().atMost(Duration.ofSeconds(5)).until(() -> poolSize(0, queue) == 2 && poolSize(1, queue) == 2);

		// a third node, first in id order, serving every queue
		jdbc.sql("INSERT INTO node (id, host, started_at, heartbeat_at, queues, status)"
				+ " VALUES ('node-0', 'elsewhere', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '', 'UP')")
			.update();
		await().atMost(Duration.ofSeconds(5)).until(() -> poolSize(0, queue) == 1 && poolSize(1, queue) == 1);

		jdbc.sql("UPDATE node SET status = 'STOPPED' WHERE id = 'node-0'").update();
		await().atMost(Duration.ofSeconds(5)).until(() -> poolSize(0, queue) == 2 && poolSize(1, queue) == 2);
	}

	private static Integer target() {
		return jdbc.sql("SELECT target_workers FROM queue_state WHERE queue_name = ?")
			.param(QUEUE)
			.query(Integer.class)
			.optional()
			.orElse(null);
	}

	private static int poolSize(int node) {
		return poolSize(node, QUEUE);
	}

	private static int poolSize(int node, String queue) {
		return nodes.get(node)
			.getBean(Workers.class)
			.workers()
			.stream()
			.filter((worker) -> worker.queueName().equals(queue))
			.findFirst()
			.orElseThrow()
			.size();
	}

	private static Scaling scaling(int node) {
		return nodes.get(node).getBean(Scaling.class);
	}

}
