package dev.batchyard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.JobStateChanged;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.monitoring.Monitoring;

import org.springframework.context.ApplicationListener;

/**
 * Scenario 8: monitoring on a big job table. The database holds 1,000,000 finished jobs
 * (completed, one in 50 failed, finished over the last 20 hours, across ten queues) and
 * 100,000 waiting ones (on queues the node does not serve, so they stay). On it:
 * <ul>
 * <li>the latency of {@code dashboard} and {@code queuesHealth} over HTTP (GraphQL, HTTP
 * Basic) and of a scrape of {@code /actuator/prometheus}, one request after another, and
 * the same three in process (the service, the registry's scrape);</li>
 * <li>a light drain of {@code default} by a node with monitoring on, and the same drain
 * by a node with monitoring off ({@code batchyard.monitoring.enabled=false}), each on a
 * node started for the run, interleaved.</li>
 * </ul>
 * The admin's password is given pre-encoded ({@code {noop}}), but Spring Security
 * upgrades it to BCrypt at the first login: every HTTP request pays a BCrypt check, which
 * the {@code { __typename }} baseline measures alone.
 *
 * @author Batchyard
 */
final class MonitoringScenario {

	static final String QUEUE = "default";

	private static final String[] FULL_QUEUES = { "email-campaigns", "asset-processing", "analytics-events",
			"notification-delivery", "payment-processing", "search-index-bulk", "scheduled-emails",
			"tax-form-processing", "message-delivery", "metrics-rollup" };

	private static final String DASHBOARD = "{ dashboard { totalQueues healthyQueues warningQueues criticalQueues"
			+ " totalWaiting totalActive totalFailed activeAlerts avgJobsPerMinute avgErrorRate timestamp } }";

	private static final String QUEUES_HEALTH = "{ queuesHealth { queueName healthy status issues timestamp"
			+ " metrics { waiting active delayed failed completed jobsPerMinute errorRate timeoutRate"
			+ " avgProcessingTimeMs p50ProcessingTimeMs p95ProcessingTimeMs p99ProcessingTimeMs oldestWaitingMs"
			+ " poolSize busyWorkers } } }";

	private final String url;

	private final Baselines database;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	MonitoringScenario(String url) {
		this.url = url;
		this.database = new Baselines(url);
	}

	/** Writes the big table: 1,000,000 finished and 100,000 waiting jobs. */
	void fill(int finished, int waiting) throws SQLException {
		org.flywaydb.core.Flyway.configure()
			.dataSource(this.url, "postgres", "postgres")
			.locations("classpath:db/migration/postgresql")
			.load()
			.migrate();
		String queues = "ARRAY[" + String.join(",", Arrays.stream(FULL_QUEUES).map((q) -> "'" + q + "'").toList())
				+ "]";
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO job (queue_name, type, state, priority, payload, attempts, max_attempts,"
					+ " run_at, created_at, started_at, finished_at, duration_ms, result)" + " SELECT (" + queues
					+ ")[1 + n % 10], 'probe',"
					+ " CASE WHEN n % 50 = 0 THEN 'failed' ELSE 'completed' END, 5, '{}', 1, 1,"
					+ " t, t, t, t + interval '20 milliseconds', 20, CASE WHEN n % 50 = 0 THEN NULL ELSE '{}' END"
					+ " FROM (SELECT n, now() - (n % 72000) * interval '1 second' AS t" + " FROM generate_series(1, "
					+ finished + ") AS n) AS s");
			statement.execute("INSERT INTO job (queue_name, type, state, priority, payload, run_at, created_at)"
					+ " SELECT (" + queues + ")[1 + n % 10], 'probe', 'waiting', 5, '{}',"
					+ " now() - (n % 3600) * interval '1 second', now() - (n % 3600) * interval '1 second'"
					+ " FROM generate_series(1, " + waiting + ") AS n");
			statement.execute("VACUUM ANALYZE job");
		}
	}

	/**
	 * A node for one run: monitoring on or off, serving only {@code default}, with HTTP.
	 */
	BenchNode node(String id, boolean monitoring) {
		return BenchNode.start(id, this.url, true, "batchyard.node.queues=" + QUEUE,
				"batchyard.monitoring.enabled=" + monitoring, "batchyard.security.admin.password={noop}bench",
				"batchyard.api.rate-limit.enabled=false");
	}

	/**
	 * The light drain of {@code count} jobs on {@code default}, as scenario 2 does it,
	 * without emptying the big table: jobs/s from the resume to the last finish.
	 */
	Map<String, Double> drain(BenchNode node, int count) throws Exception {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("DELETE FROM job WHERE queue_name = '" + QUEUE + "'");
		}
		QueueControls controls = node.bean(QueueControls.class);
		controls.pause(QUEUE, "bench");
		Jobs jobs = node.bean(Jobs.class);
		List<EnqueueRequest> batch = new ArrayList<>(BenchSettings.BULK_BATCH);
		for (int i = 0; i < count; i++) {
			batch.add(EnqueueRequest.of("probe", "{}").onQueue(QUEUE));
			if (batch.size() == BenchSettings.BULK_BATCH || i == count - 1) {
				jobs.enqueueAll(batch);
				batch.clear();
			}
		}
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("ANALYZE job");
		}
		CountDownLatch done = new CountDownLatch(count);
		node.addListener(ApplicationListener.forPayload((JobStateChanged event) -> {
			if (event.state() == JobState.COMPLETED && QUEUE.equals(event.queueName())) {
				done.countDown();
			}
		}));
		long jvmCpu = CpuTime.jvmMicros();
		long postgresCpu = CpuTime.postgresMicros();
		Instant started = Instant.now();
		controls.resume(QUEUE, "bench");
		if (!done.await(5, TimeUnit.MINUTES)) {
			throw new IllegalStateException("The drain of " + count + " jobs did not finish in 5 minutes");
		}
		double jvmCpuPerJob = (double) (CpuTime.jvmMicros() - jvmCpu) / count;
		double postgresCpuPerJob = (double) (CpuTime.postgresMicros() - postgresCpu) / count;
		try (Connection connection = this.database.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FILTER (WHERE state = 'completed'),"
						+ " max(finished_at) FROM job WHERE queue_name = '" + QUEUE + "'")) {
			result.next();
			if (result.getLong(1) != count) {
				throw new IllegalStateException("Drain of " + count + ": " + result.getLong(1) + " completed");
			}
			Instant last = result.getObject(2, OffsetDateTime.class).toInstant();
			Map<String, Double> figures = new LinkedHashMap<>();
			figures.put("jobs/s", count / (Duration.between(started, last).toNanos() / 1e9));
			figures.put("JVM CPU us/job", jvmCpuPerJob);
			figures.put("PostgreSQL CPU us/job", postgresCpuPerJob);
			return figures;
		}
	}

	/**
	 * Latency of the three reads, {@code requests} of each one after another: p50, p99
	 * and max in ms, over HTTP and in process.
	 */
	Map<String, Double> reads(BenchNode node, int requests) throws Exception {
		Monitoring monitoring = node.bean(Monitoring.class);
		io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry = node
			.bean(io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class);
		String authorization = "Basic "
				+ Base64.getEncoder().encodeToString("admin:bench".getBytes(StandardCharsets.UTF_8));
		Map<String, Double> figures = new LinkedHashMap<>();
		time(figures, "typename http", requests, () -> graphql(node, authorization, "{ __typename }"));
		time(figures, "dashboard http", requests, () -> graphql(node, authorization, DASHBOARD));
		time(figures, "queuesHealth http", requests, () -> graphql(node, authorization, QUEUES_HEALTH));
		time(figures, "prometheus http", requests, () -> get(node, authorization, "/actuator/prometheus"));
		time(figures, "dashboard service", requests, monitoring::dashboard);
		time(figures, "queuesHealth service", requests, monitoring::queuesHealth);
		time(figures, "prometheus scrape", requests, registry::scrape);
		return figures;
	}

	private static void time(Map<String, Double> figures, String name, int requests, Supplier<?> request) {
		for (int i = 0; i < Math.max(20, requests / 10); i++) {
			request.get();
		}
		double[] millis = new double[requests];
		for (int i = 0; i < requests; i++) {
			long started = System.nanoTime();
			request.get();
			millis[i] = (System.nanoTime() - started) / 1e6;
		}
		Arrays.sort(millis);
		figures.put(name + " p50", millis[(int) Math.floor(0.50 * (requests - 1))]);
		figures.put(name + " p99", millis[(int) Math.ceil(0.99 * (requests - 1))]);
		figures.put(name + " max", millis[requests - 1]);
	}

	private String graphql(BenchNode node, String authorization, String document) {
		String body = "{\"query\":\"" + document.replace("\"", "\\\"") + "\"}";
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/graphql"))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private String get(BenchNode node, String authorization, String path) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
			.header("Authorization", authorization)
			.GET());
	}

	private String send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
				throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
