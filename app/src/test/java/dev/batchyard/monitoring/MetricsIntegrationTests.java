package dev.batchyard.monitoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.ApiClient.Response;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queue metrics, the dashboard, system health and {@code /actuator/prometheus} on
 * PostgreSQL after real jobs ran: completed and failed probes on a queue with rate
 * limiters.
 */
class MetricsIntegrationTests {

	private static final String QUEUE = "email-campaigns";

	private static MonitoredNode node;

	@BeforeAll
	static void runSomeJobs() {
		node = MonitoredNode.start("metrics-a", TestServers.freshPostgresDatabase("monitoring_metrics"), null,
				"batchyard.monitoring.counts-refresh=200ms");
		Jobs jobs = node.bean(Jobs.class);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			ids.add(jobs.enqueue(EnqueueRequest.of("probe", "{\"sleepMs\": 20}").onQueue(QUEUE)).job().id());
		}
		ids.add(jobs.enqueue(EnqueueRequest.of("probe", "{\"failAttempts\": 5}").onQueue(QUEUE).withRetries(1, null))
			.job()
			.id());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> ids.stream().allMatch((id) -> !jobs.find(id).orElseThrow().state().unfinished()));
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			JsonNode metrics = queueMetrics();
			return metrics.path("completed").asLong() == 8 && metrics.path("failed").asLong() == 1;
		});
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void queueMetricsCountJobsByStateAndMeasureRatesAndTimes() {
		JsonNode metrics = queueMetrics();
		assertThat(metrics.path("waiting").asLong()).isZero();
		assertThat(metrics.path("active").asLong()).isZero();
		// 9 jobs finished within the 5-minute window
		assertThat(metrics.path("jobsPerMinute").asDouble()).isEqualTo(9 / 5.0);
		// one failed attempt of nine finished attempts
		assertThat(metrics.path("errorRate").asDouble()).isEqualTo(11.11);
		assertThat(metrics.path("timeoutRate").asDouble()).isZero();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(queueMetrics().path("p50ProcessingTimeMs").asDouble()).isPositive());
		JsonNode settled = queueMetrics();
		assertThat(settled.path("p99ProcessingTimeMs").asDouble())
			.isGreaterThanOrEqualTo(settled.path("p50ProcessingTimeMs").asDouble());
		assertThat(settled.path("poolSize").asInt()).isEqualTo(10);
		assertThat(settled.path("workers").get(0).path("nodeId").asString()).isEqualTo("metrics-a");
		assertThat(settled.path("memoryUsageMB").asDouble()).isZero();
	}

	@Test
	void theDashboardAndSystemHealthSumUpEveryQueue() {
		Response response = node.viewer()
			.graphql("{ dashboard { totalQueues healthyQueues warningQueues criticalQueues totalWaiting totalActive"
					+ " totalFailed activeAlerts avgJobsPerMinute avgErrorRate timestamp }"
					+ " systemHealth { timestamp healthy queues { totalQueues } workers { totalWorkers"
					+ " totalJobsProcessed averageMemoryUsage workersNeedingRecycle }"
					+ " memory { heapUsed heapTotal external rss arrayBuffers percentage timestamp } } }");
		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		JsonNode dashboard = response.json().path("data").path("dashboard");
		int queues = node.viewer().graphql("{ queues { name } }").json().path("data").path("queues").size();
		assertThat(dashboard.path("totalQueues").asInt()).isEqualTo(queues);
		assertThat(dashboard.path("totalFailed").asLong()).isEqualTo(1);
		assertThat(dashboard.path("criticalQueues").asInt()).isEqualTo(1);
		JsonNode system = response.json().path("data").path("systemHealth");
		assertThat(system.path("healthy").asBoolean()).isFalse();
		assertThat(system.path("workers").path("totalJobsProcessed").asLong()).isEqualTo(9);
		assertThat(system.path("workers").path("totalWorkers").asInt()).isPositive();
		assertThat(system.path("memory").path("heapUsed").asDouble()).isPositive();
	}

	@Test
	void prometheusHasTheJobQueueWorkerLimiterAndAlertMeters() {
		Response scrape = node.metrics().get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		String body = scrape.body();
		String queue = "queue=\"" + QUEUE + "\"";
		assertThat(value(body, "batchyard_jobs_finished_total{outcome=\"completed\"," + queue + ",type=\"probe\"}"))
			.isEqualTo(8);
		assertThat(value(body, "batchyard_jobs_finished_total{outcome=\"failed\"," + queue + ",type=\"probe\"}"))
			.isEqualTo(1);
		assertThat(value(body, "batchyard_jobs_duration_seconds_count{" + queue + "}")).isEqualTo(8);
		assertThat(body).contains("batchyard_jobs_duration_seconds_bucket{" + queue + ",le=\"0.05\"}");
		assertThat(value(body, "batchyard_queue_jobs{" + queue + ",state=\"completed\"}")).isEqualTo(8);
		assertThat(value(body, "batchyard_queue_jobs{" + queue + ",state=\"failed\"}")).isEqualTo(1);
		assertThat(value(body, "batchyard_queue_jobs{" + queue + ",state=\"waiting\"}")).isZero();
		assertThat(value(body, "batchyard_queue_oldest_waiting_seconds{" + queue + "}")).isZero();
		assertThat(value(body, "batchyard_workers_size{" + queue + "}")).isEqualTo(10);
		assertThat(value(body, "batchyard_workers_busy{" + queue + "}")).isZero();
		assertThat(value(body, "batchyard_ratelimit_permits_total{limiter=\"emailCampaign\",outcome=\"granted\"}"))
			.isGreaterThanOrEqualTo(9);
		assertThat(value(body, "batchyard_alerts_active{severity=\"CRITICAL\"}")).isNotNegative();
		assertThat(node.admin().get("/actuator/prometheus").status()).isEqualTo(200);
	}

	@Test
	void onlyAdminsAndTheMetricsUserMayScrape() {
		assertThat(node.viewer().get("/actuator/prometheus").status()).isEqualTo(403);
		assertThat(node.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(node.metrics().graphql("{ dashboard { totalQueues } }").status()).isEqualTo(403);
		assertThat(node.metrics().get("/actuator/metrics").status()).isEqualTo(403);
	}

	/** The value of the sample whose name and labels are given. */
	private static double value(String scrape, String sample) {
		return scrape.lines()
			.filter((line) -> line.startsWith(sample + " "))
			.map((line) -> Double.parseDouble(line.substring(sample.length() + 1).trim().split(" ")[0]))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No sample " + sample + " in the scrape"));
	}

	private static JsonNode queueMetrics() {
		Response response = node.viewer()
			.graphql("{ queueMetrics(queueName: \"" + QUEUE + "\") { current { queueName waiting active delayed"
					+ " failed completed jobsPerMinute errorRate timeoutRate avgProcessingTimeMs p50ProcessingTimeMs"
					+ " p95ProcessingTimeMs p99ProcessingTimeMs oldestWaitingMs memoryUsageMB memoryPercentage"
					+ " poolSize busyWorkers workers { nodeId workerId size busy } timestamp } history { waiting } } }");
		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		assertThat(response.json().path("data").path("queueMetrics").path("history").isNull()).isTrue();
		return response.json().path("data").path("queueMetrics").path("current");
	}

}
