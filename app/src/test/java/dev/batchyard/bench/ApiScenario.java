package dev.batchyard.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.bench.Measurements.Figure;
import dev.batchyard.bench.Report.Target;
import dev.batchyard.security.ApiTokens;
import dev.batchyard.security.Role;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 7, the API over HTTP: one real node with its web server (the shipped
 * configuration, an HTTP port, the security filter chain, GraphQL), and {@value #CLIENTS}
 * client threads, each with a keep-alive connection of its own, sending as fast as
 * answers come for {@code bench.api.seconds} each: {@code GET /actuator/health} without
 * login, and {@code { __typename }}, {@code enqueueJob} and {@code jobs(first: 50)} with
 * HTTP Basic and with an API token. Both principals have the role ENQUEUER, the one
 * applications use; its rate limit is raised out of the way (the limiter still counts
 * every request). Jobs go to a queue the node does not serve, so the figures are the
 * API's, not the workers'. Then {@code enqueueJob} with Basic at a fixed
 * {@code bench.api.rate}: the latency of each request from the moment it was due (a late
 * send counts as waiting).
 *
 * @author Batchyard
 */
final class ApiScenario {

	static final int CLIENTS = 16;

	private static final String CLIENT_THREAD = "bench-client-";

	private static final int MAX_WARM_UP_PASSES = 8;

	/** Compile time per wall time under which the JIT counts as settled. */
	private static final double SETTLED_COMPILING = 0.05;

	private static final String USER = "bench-app";

	private static final String PASSWORD = "bench-app-password";

	private static final String TYPENAME = "{\"query\":\"{ __typename }\"}";

	private static final String ENQUEUE = "{\"query\":\"mutation($in: EnqueueJobInput!) { enqueueJob(input: $in) { id } }\","
			+ "\"variables\":{\"in\":{\"type\":\"probe\",\"queueName\":\"" + EngineScenarios.UNSERVED_QUEUE
			+ "\",\"payload\":{\"sleepMs\":0}}}}";

	private static final String JOBS = "{\"query\":\"{ jobs(first: 50) { edges { node { id queueName state createdAt } }"
			+ " pageInfo { hasNextPage endCursor } } }\"}";

	private final BenchSettings settings;

	private final Report report;

	private final BenchRunner.Measure measure;

	ApiScenario(BenchSettings settings, Report report, BenchRunner.Measure measure) {
		this.settings = settings;
		this.report = report;
		this.measure = measure;
	}

	void run() throws Exception {
		String url = BenchPostgres.freshDatabase("bench_api");
		BenchRunner.log("7 API: starting node bench-api with its web server");
		try (ConfigurableApplicationContext node = new SpringApplicationBuilder(BatchyardApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--batchyard.node.id=bench-api",
				"--spring.quartz.properties.org.quartz.scheduler.instanceId=bench-api", "--spring.main.banner-mode=off",
				"--logging.level.root=warn", "--spring.datasource.hikari.maximum-pool-size=40",
				"--batchyard.engine.shutdown-timeout=2s", "--batchyard.node.queues=" + EngineScenarios.QUEUE,
				"--batchyard.security.admin.password=bench-admin", "--batchyard.security.users[0].name=" + USER,
				"--batchyard.security.users[0].password=" + PASSWORD, "--batchyard.security.users[0].role=ENQUEUER",
				"--batchyard.api.rate-limit.roles.enqueuer=100000000")) {
			int port = ((WebServerApplicationContext) node).getWebServer().getPort();
			String secret = node.getBean(ApiTokens.class).create("bench", Role.ENQUEUER, null, "bench").secret();
			String basic = "Basic "
					+ Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
			String bearer = "Bearer " + secret;
			String graphql = "/graphql";
			int seconds = this.settings.apiSeconds();
			Map<String, BenchRunner.Run> runs = new LinkedHashMap<>();
			runs.put("health", (warm) -> closedLoop(port, "/actuator/health", null, null,
					warm ? Math.max(seconds / 4, 2) : seconds));
			// a fixed order (Map.of iterates in a different order in every JVM): a run
			// right after a jobs(first: 50) run inherits its garbage and measured up to a
			// third slower, so the runs that have targets come first, the fixed rate on a
			// node that has only enqueued, and the page reads last
			Map<String, String> logins = new LinkedHashMap<>();
			logins.put("Basic", basic);
			logins.put("token", bearer);
			logins.forEach((login, authorization) -> {
				runs.put("typename " + login, (warm) -> closedLoop(port, graphql, authorization, TYPENAME,
						warm ? Math.max(seconds / 4, 2) : seconds));
				runs.put("enqueueJob " + login, (warm) -> closedLoop(port, graphql, authorization, ENQUEUE,
						warm ? Math.max(seconds / 4, 2) : seconds));
			});
			runs.put("fixed rate", (warm) -> fixedRate(port, graphql, basic, ENQUEUE, this.settings.apiRate(),
					warm ? Math.max(seconds / 4, 2) : seconds));
			logins.forEach((login, authorization) -> runs.put("jobs " + login, (warm) -> closedLoop(port, graphql,
					authorization, JOBS, warm ? Math.max(seconds / 4, 2) : seconds)));
			untilCompiled(runs);
			Map<String, Measurements> api = this.measure.measure("7 API", runs);
			Figure health = api.get("health").get("requests/s");
			String clients = CLIENTS + " keep-alive clients, " + seconds + " s";
			this.report.row("7 API", "GET /actuator/health, no login, " + clients, "req/s", health);
			for (String auth : List.of("Basic", "token")) {
				String with = (auth.equals("Basic") ? "HTTP Basic" : "API token") + " (ENQUEUER), " + clients;
				this.report.row("7 API", "{ __typename } with " + with, "req/s",
						api.get("typename " + auth).get("requests/s"), "health, no login", health,
						Target.ratioAtLeast(0.5));
				this.report.row("7 API", "enqueueJob with " + with, "req/s",
						api.get("enqueueJob " + auth).get("requests/s"), Target.atLeast(2000, "req/s"));
				this.report.row("7 API", "enqueueJob with " + auth + ", p99", "ms",
						api.get("enqueueJob " + auth).get("p99 ms"));
				for (String request : List.of("typename", "enqueueJob")) {
					Measurements figures = api.get(request + " " + auth);
					this.report.row("7 API",
							request + " with " + auth + ": the node's CPU per request (clients left out)", "us",
							figures.get("node CPU us/request"));
					this.report.row("7 API", request + " with " + auth + ": PostgreSQL CPU per request", "us",
							figures.get("PostgreSQL CPU us/request"));
					this.report.row("7 API", request + " with " + auth + ": the bench clients' CPU per request", "us",
							figures.get("client CPU us/request"));
				}
				this.report.row("7 API", "jobs(first: 50) with " + with, "req/s",
						api.get("jobs " + auth).get("requests/s"));
			}
			String fixed = "enqueueJob with HTTP Basic at " + this.settings.apiRate() + " requests/s for " + seconds
					+ " s";
			this.report.row("7 API", fixed + ", p50", "ms", api.get("fixed rate").get("p50 ms"));
			this.report.row("7 API", fixed + ", p99", "ms", api.get("fixed rate").get("p99 ms"),
					Target.atMost(20, "ms"));
			this.report.row("7 API", fixed + ", max", "ms", api.get("fixed rate").get("max ms"));
			this.report.row("7 API", fixed + ": requests over 20 ms", "requests",
					api.get("fixed rate").get("over 20 ms"));
			this.report.row("7 API", fixed + ": seconds of the run with a request over 20 ms", "s",
					api.get("fixed rate").get("slow seconds"));
			this.report.note("Scenario 7 runs one node with its web server in the bench JVM; the " + CLIENTS
					+ " clients (plain blocking HTTP/1.1 over a socket each, keep-alive, reconnecting when Tomcat closes)"
					+ " run in the same JVM on the same cores."
					+ " A request counts when it answers 200 without GraphQL errors; p99 is per request.");
		}
	}

	/**
	 * Sends every kind of request again and again until the JIT compiler has little left
	 * to do: a node under load for a few seconds is still compiling Spring's deep call
	 * chains (seen: one compiler thread busy 80 % of a measured run), work that a node in
	 * production did long ago, so the figures would measure the compiler. At most
	 * {@value #MAX_WARM_UP_PASSES} passes of two seconds per kind.
	 */
	private static void untilCompiled(Map<String, BenchRunner.Run> runs) throws Exception {
		java.lang.management.CompilationMXBean compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
		for (int pass = 1; pass <= MAX_WARM_UP_PASSES; pass++) {
			long compiledBefore = compiler.getTotalCompilationTime();
			long started = System.nanoTime();
			for (BenchRunner.Run run : runs.values()) {
				run.run(true);
			}
			double compiling = (compiler.getTotalCompilationTime() - compiledBefore)
					/ ((System.nanoTime() - started) / 1e6);
			BenchRunner.log(String.format("7 API: warm-up pass %d, the JIT compiled %.0f %% of the time", pass,
					compiling * 100));
			if (compiling < SETTLED_COMPILING) {
				return;
			}
		}
	}

	/** {@link #CLIENTS} threads, each sending its next request when the last answered. */
	private static Map<String, Double> closedLoop(int port, String path, String authorization, String body, int seconds)
			throws Exception {
		byte[] request = PlainHttpConnection.request((body != null) ? "POST" : "GET", path, authorization, body);
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS,
				Thread.ofPlatform().name(CLIENT_THREAD, 0).factory());
		AtomicLong failed = new AtomicLong();
		CountDownLatch go = new CountDownLatch(1);
		List<Future<List<Long>>> clients = new ArrayList<>();
		long[] window = new long[2];
		for (int i = 0; i < CLIENTS; i++) {
			clients.add(pool.submit(() -> {
				List<Long> latencies = new ArrayList<>();
				try (PlainHttpConnection http = new PlainHttpConnection(port)) {
					go.await();
					long end = window[1];
					while (System.nanoTime() < end) {
						long sent = System.nanoTime();
						if (send(http, request)) {
							latencies.add(System.nanoTime() - sent);
						}
						else {
							failed.incrementAndGet();
						}
					}
				}
				return latencies;
			}));
		}
		long jvmCpu = CpuTime.jvmMicros();
		long postgresCpu = CpuTime.postgresMicros();
		window[0] = System.nanoTime();
		window[1] = window[0] + Duration.ofSeconds(seconds).toNanos();
		go.countDown();
		List<Double> all = new ArrayList<>();
		for (Future<List<Long>> client : clients) {
			client.get().forEach((nanos) -> all.add(nanos / 1e6));
		}
		// the clients' threads are still alive (the pool is not shut down yet)
		long clientCpu = CpuTime.threadsMicros(CLIENT_THREAD);
		long nodeCpu = CpuTime.jvmMicros() - jvmCpu - clientCpu;
		long postgresUsed = CpuTime.postgresMicros() - postgresCpu;
		pool.shutdown();
		if (failed.get() > all.size() / 100) {
			throw new IllegalStateException(
					failed.get() + " of " + (all.size() + failed.get()) + " requests to " + path + " failed");
		}
		Map<String, Double> figures = new LinkedHashMap<>();
		figures.put("requests/s", all.size() / (double) seconds);
		figures.put("p99 ms", Measurements.percentile(all, 99));
		figures.put("node CPU us/request", nodeCpu / (double) Math.max(1, all.size()));
		figures.put("client CPU us/request", clientCpu / (double) Math.max(1, all.size()));
		figures.put("PostgreSQL CPU us/request", postgresUsed / (double) Math.max(1, all.size()));
		return figures;
	}

	/**
	 * {@code rate} requests per second, each due at its time, spread over
	 * {@link #CLIENTS} threads: latency from when a request was due to its answer.
	 */
	private static Map<String, Double> fixedRate(int port, String path, String authorization, String body, int rate,
			int seconds) throws Exception {
		byte[] request = PlainHttpConnection.request("POST", path, authorization, body);
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS,
				Thread.ofPlatform().name(CLIENT_THREAD, 0).factory());
		int count = rate * seconds;
		long period = 1_000_000_000L / rate;
		long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
		long startMillis = System.currentTimeMillis() + 100;
		AtomicLong failed = new AtomicLong();
		Queue<Long> slow = new ConcurrentLinkedQueue<>();
		List<Future<List<Double>>> clients = new ArrayList<>();
		for (int client = 0; client < CLIENTS; client++) {
			int first = client;
			clients.add(pool.submit(() -> {
				List<Double> latencies = new ArrayList<>();
				try (PlainHttpConnection http = new PlainHttpConnection(port)) {
					for (int i = first; i < count; i += CLIENTS) {
						long due = start + i * period;
						long wait = due - System.nanoTime();
						if (wait > 0) {
							LockSupport.parkNanos(wait);
						}
						if (send(http, request)) {
							double latency = (System.nanoTime() - due) / 1e6;
							latencies.add(latency);
							if (latency > 20) {
								slow.add((due - start) / 1_000_000);
							}
						}
						else {
							failed.incrementAndGet();
						}
					}
				}
				return latencies;
			}));
		}
		List<Double> all = new ArrayList<>();
		for (Future<List<Double>> client : clients) {
			all.addAll(client.get());
		}
		pool.shutdown();
		if (failed.get() > count / 100) {
			throw new IllegalStateException(failed.get() + " of " + count + " requests to " + path + " failed");
		}
		Map<String, Double> figures = new LinkedHashMap<>();
		figures.put("p50 ms", Measurements.percentile(all, 50));
		figures.put("p99 ms", Measurements.percentile(all, 99));
		figures.put("max ms", all.stream().mapToDouble(Double::doubleValue).max().orElse(0));
		// how the slow requests spread: many in one burst is a stall of the node or of
		// PostgreSQL's disk, a few everywhere is queueing
		figures.put("over 20 ms", (double) all.stream().filter((latency) -> latency > 20).count());
		figures.put("slow seconds", (double) slow.stream().map((due) -> due / 1000).distinct().count());
		// when, on the wall clock, so that the GC log and the server's log can be read
		// beside it
		slow.stream()
			.map((due) -> (due / 100) * 100)
			.distinct()
			.sorted()
			.forEach((due) -> BenchRunner.log("7 API: requests over 20 ms due at "
					+ java.time.Instant.ofEpochMilli(startMillis + due) + " (+100 ms)"));
		return figures;
	}

	private static boolean send(PlainHttpConnection http, byte[] request) {
		try {
			PlainHttpConnection.Answer answer = http.exchange(request);
			return answer.status() == 200 && !answer.body().contains("\"errors\"");
		}
		catch (java.io.IOException ex) {
			http.close();
			return false;
		}
	}

}
