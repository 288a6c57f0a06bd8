package dev.batchyard.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.batchyard.support.ApiClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chaos soak (Maven profile {@code chaos}, README "Reliability"): three real nodes,
 * each a separate JVM running the packaged jar with the {@code prod} profile, on a
 * PostgreSQL and a Redis of this test's own (the embedded servers of the integration
 * suite, on a data directory and a port that survive a restart). Jobs are enqueued
 * through the API all along, keeping a backlog, so that every node runs jobs when it
 * dies. Meanwhile: a kill -9 of a node (restarted later), Redis stopped for 10 s,
 * PostgreSQL stopped and started again on the same data directory and port, and a second
 * kill -9. A per-second cron schedule runs throughout; a database trigger of this test
 * records each firing's tick and time.
 * <p>
 * Asserted: every accepted job completes; a job ran more than once only if it was running
 * on a killed node, once more per stalled failure recorded; the schedule fired no tick
 * twice, missed at most one tick per kill and paused less than 5 s across each kill;
 * every node serves the API again after PostgreSQL's restart without being restarted. The
 * figures are printed in one block.
 */
class ChaosSoakTests {

	private static final String PASSWORD = "chaos-soak-secret";

	private static final String SCHEDULE = "chaos-every-second";

	/** Jobs a request enqueues, as aliased mutations. */
	private static final int BATCH = 100;

	/** The feeder tops the backlog up whenever fewer jobs than this wait. */
	private static final int BACKLOG = 300;

	private static final int WORKERS = 8;

	private static final Path DIR = Path.of("target", "chaos");

	private final Map<String, ChildNode> nodes = new LinkedHashMap<>();

	private final Set<Long> accepted = ConcurrentHashMap.newKeySet();

	private final AtomicLong requestsRefused = new AtomicLong();

	private final AtomicBoolean feeding = new AtomicBoolean(true);

	private EmbeddedPostgres postgres;

	private int postgresPort;

	private RedisServer redis;

	private int redisPort;

	@AfterEach
	void stopEverything() throws IOException {
		this.feeding.set(false);
		this.nodes.values().forEach(ChildNode::kill);
		if (this.redis != null) {
			this.redis.stop();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void jobsSurviveTwoKillsARedisStopAndAPostgresRestart() throws Exception {
		FileSystemUtils.deleteRecursively(DIR);
		Files.createDirectories(DIR);
		this.postgresPort = freePort();
		this.postgres = startPostgres();
		this.redisPort = freePort();
		this.redis = startRedis();
		Instant testStart = Instant.now();

		for (String id : List.of("chaos-a", "chaos-b", "chaos-c")) {
			this.nodes.put(id, ChildNode.start(id, this.postgresPort, this.redisPort));
		}
		this.nodes.values().forEach(ChildNode::awaitServing);
		recordFiringsInTheDatabase();
		// every tick fires, whether or not the last tick's job has finished (it may wait
		// for a killed node's lease): the overlap policy ALLOW_ALL, where the schema has
		// it
		String overlap = admin(node("chaos-a"))
			.graphql("{ __type(name: \"CreateScheduleInput\") { inputFields { name } } }")
			.body()
			.contains("\"overlapPolicy\"") ? ", overlapPolicy: ALLOW_ALL" : "";
		ApiClient.Response created = admin(node("chaos-a")).graphql("mutation { createSchedule(input: {name: \""
				+ SCHEDULE + "\", type: \"probe\", queueName: \"high-priority\", cron: \"*/1 * * * * ?\","
				+ " payload: {sleepMs: 0}" + overlap + "}) { name } }");
		assertThat(created.json().path("errors").isMissingNode()).as(created.body()).isTrue();

		Thread feeder = Thread.ofPlatform().name("chaos-feeder").start(this::feed);
		List<Kill> kills = new ArrayList<>();

		kills.add(killWhileRunning("chaos-b"));
		// restarted later: it starts while the rest goes on
		ChildNode restarted = ChildNode.start("chaos-b", this.postgresPort, this.redisPort);
		this.nodes.put("chaos-b", restarted);

		Instant redisStopped = Instant.now();
		this.redis.stop();
		Thread.sleep(10_000);
		this.redis = startRedis();
		Duration redisDown = Duration.between(redisStopped, Instant.now());
		long completedDuringChaos = count("state = 'completed'");

		restarted.awaitServing();
		awaitRunningOnEveryNode();
		Instant postgresStopped = Instant.now();
		this.postgres.close();
		Thread.sleep(2_000);
		this.postgres = startPostgres();
		Instant postgresBack = Instant.now();
		Map<String, Duration> apiBack = new TreeMap<>();
		for (ChildNode node : this.nodes.values()) {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> servesTheApi(node));
			apiBack.put(node.id(), Duration.between(postgresBack, Instant.now()));
		}

		kills.add(killWhileRunning("chaos-c"));

		// a last stretch with two nodes, then the backlog drains
		Thread.sleep(5_000);
		this.feeding.set(false);
		feeder.join();
		Instant fedUntil = Instant.now();
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> count("state NOT IN ('completed', 'failed', 'cancelled')") == 0);
		Duration drain = Duration.between(fedUntil, Instant.now());
		Thread.sleep(1_500);

		// figures
		long jobs = count("schedule_name IS NULL");
		Set<Long> unfinished = ids("SELECT id FROM job WHERE schedule_name IS NULL AND state <> 'completed'");
		Set<Long> acceptedNotCompleted = new java.util.TreeSet<>(this.accepted);
		acceptedNotCompleted.retainAll(unfinished);
		Set<Long> acceptedMissing = new java.util.TreeSet<>(this.accepted);
		acceptedMissing.removeAll(ids("SELECT id FROM job"));
		Set<Long> onKilledNodes = kills.stream().flatMap((kill) -> kill.running().stream()).collect(Collectors.toSet());
		Set<Long> ranTwice = ids("SELECT id FROM job WHERE attempts > 1");
		long extraRuns = count("attempts > 1", "sum(attempts - 1)");
		long stalledFailures = query("SELECT count(*) FROM job_failure WHERE stalled", Long.class);
		long otherFailures = query("SELECT count(*) FROM job_failure WHERE NOT stalled", Long.class);
		Set<Long> stalledJobs = ids("SELECT DISTINCT job_id FROM job_failure WHERE stalled");
		Set<Long> ranTwiceElsewhere = new java.util.TreeSet<>(ranTwice);
		ranTwiceElsewhere.removeAll(onKilledNodes);

		List<Firing> firings = firings();
		Map<Instant, Long> perTick = firings.stream()
			.collect(Collectors.groupingBy(Firing::tick, TreeMap::new, Collectors.counting()));
		long doubles = perTick.values().stream().filter((n) -> n > 1).mapToLong((n) -> n - 1).sum();
		long scheduleJobs = count("schedule_name = '" + SCHEDULE + "'");
		Instant firstTick = perTick.keySet().stream().min(Comparator.naturalOrder()).orElseThrow();
		Instant lastTick = perTick.keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
		// PostgreSQL's outage: no node can fire; FIRE_ONCE_NOW makes up the missed ticks
		// with one firing once a node is back (README "Schedules"); counted apart
		Instant outageFrom = postgresStopped.minusSeconds(1);
		Instant outageTo = postgresBack.plusSeconds(30);
		List<Instant> missedDuringOutage = new ArrayList<>();
		List<Instant> missedOtherwise = new ArrayList<>();
		for (Instant tick = firstTick; !tick.isAfter(lastTick); tick = tick.plusSeconds(1)) {
			if (!perTick.containsKey(tick)) {
				boolean inOutage = !tick.isBefore(outageFrom) && tick.isBefore(outageTo);
				(inOutage ? missedDuringOutage : missedOtherwise).add(tick);
			}
		}
		List<KillWindow> windows = kills.stream().map((kill) -> window(kill, firings)).toList();

		StringBuilder report = new StringBuilder();
		report.append("==== chaos soak figures ====\n");
		report.append(String.format("run: %d s from the servers' start; 3 nodes x %d workers, probe {sleepMs: 400}%n",
				Duration.between(testStart, Instant.now()).toSeconds(), WORKERS));
		report.append(String.format(
				"jobs: %d enqueued through the API, %d accepted (acknowledged), %d completed,"
						+ " %d not completed; requests refused or cut off: %d%n",
				jobs, this.accepted.size(), count("schedule_name IS NULL AND state = 'completed'"), unfinished.size(),
				this.requestsRefused.get()));
		report.append(String.format("kills: %d (kill -9); chaos-b restarted%n", kills.size()));
		for (int i = 0; i < kills.size(); i++) {
			Kill kill = kills.get(i);
			KillWindow window = windows.get(i);
			report.append(String.format(
					"  kill %d: %s with %d jobs running%s; all rescued in %.1f s; cron: next firing %.1f s after"
							+ " the kill, longest pause %.1f s, ticks missed %d %s, doubles %d%n",
					i + 1, kill.node(), kill.running().size(),
					kill.heldTick() ? " and the schedule's next tick" : " (not holding the schedule's tick)",
					kill.rescueSeconds(), window.nextFiringSeconds(), window.longestPauseSeconds(),
					window.missed().size(), window.missed(), window.doubles()));
		}
		report.append(String.format("rescued: %d jobs (stalled failures: %d; other failed attempts: %d)%n",
				stalledJobs.size(), stalledFailures, otherFailures));
		report.append(String.format(
				"duplicates: %d jobs ran more than once (%d extra runs), %d of them not on a" + " killed node%n",
				ranTwice.size(), extraRuns, ranTwiceElsewhere.size()));
		report.append(String.format("redis: stopped %.1f s; %d jobs completed by then%n", redisDown.toMillis() / 1000.0,
				completedDuringChaos));
		report.append(String.format("postgres: restarted (down %.1f s); API served again after %s%n",
				Duration.between(postgresStopped, postgresBack).toMillis() / 1000.0,
				apiBack.entrySet()
					.stream()
					.map((e) -> e.getKey() + " " + e.getValue().toMillis() + " ms")
					.collect(Collectors.joining(", "))));
		report.append(String.format(
				"cron: %d ticks from %s to %s, %d firings, %d jobs; doubles %d; misses %d"
						+ " outside PostgreSQL's outage %s, %d during it (made up by FIRE_ONCE_NOW)%n",
				Duration.between(firstTick, lastTick).toSeconds() + 1, firstTick, lastTick, firings.size(),
				scheduleJobs, doubles, missedOtherwise.size(), missedOtherwise, missedDuringOutage.size()));
		report.append(String.format("drain after the feeding stopped: %.1f s%n", drain.toMillis() / 1000.0));
		report.append("============================");
		System.out.println(report);
		Files.writeString(DIR.resolve("figures.txt"), report);

		assertThat(acceptedMissing).as("accepted jobs not in the database").isEmpty();
		assertThat(acceptedNotCompleted).as("accepted jobs not completed").isEmpty();
		assertThat(unfinished).as("jobs not completed").isEmpty();
		kills.forEach(
				(kill) -> assertThat(kill.running()).as("jobs running on %s when it died", kill.node()).isNotEmpty());
		assertThat(ranTwiceElsewhere).as("jobs run twice that no killed node was running").isEmpty();
		assertThat(stalledJobs).as("jobs with a stalled attempt: those the killed nodes were running")
			.isEqualTo(onKilledNodes);
		assertThat(extraRuns).as("extra runs, one per stalled failure").isEqualTo(stalledFailures);
		assertThat(otherFailures).as("failed attempts other than stalled ones").isZero();
		assertThat(doubles).as("ticks fired twice").isZero();
		assertThat(scheduleJobs).as("one job per firing").isEqualTo(firings.size());
		for (KillWindow window : windows) {
			assertThat(window.longestPauseSeconds()).as("cron's longest pause across %s", window.node())
				.isLessThan(5.0);
			assertThat(window.missed()).as("ticks missed across %s", window.node()).hasSizeLessThanOrEqualTo(1);
		}
		assertThat(missedOtherwise).as("ticks missed outside PostgreSQL's outage")
			.hasSizeLessThanOrEqualTo(kills.size());
	}

	/**
	 * Waits until the node runs jobs, kills it with SIGKILL and waits until another node
	 * has rescued every job it was running.
	 */
	private Kill killWhileRunning(String id) throws Exception {
		ChildNode victim = node(id);
		boolean heldTick = awaitTickHeldBy(id, Duration.ofSeconds(20));
		if (!heldTick) {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> count("state = 'active' AND node_id = '" + id + "'") > 0);
		}
		victim.kill();
		Instant killedAt = Instant.now();
		Set<Long> running = ids("SELECT id FROM job WHERE state = 'active' AND node_id = '" + id + "'");
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> count("state = 'active' AND node_id = '" + id + "'") == 0);
		Double lastRescue = query("SELECT extract(epoch FROM max(failed_at))::float8 FROM job_failure WHERE stalled"
				+ " AND job_id IN (" + joined(running) + ")", Double.class);
		double rescueSeconds = (lastRescue != null) ? lastRescue - killedAt.toEpochMilli() / 1000.0 : Double.NaN;
		return new Kill(id, killedAt, running, rescueSeconds, heldTick);
	}

	/**
	 * Waits, up to a bound, until the node runs jobs and has taken the schedule's next
	 * tick and not yet fired it, so that the kill takes a tick with it (as in
	 * {@code ScheduleFailoverIntegrationTests}); whichever node Quartz hands the tick to
	 * is chance, so the kill goes ahead without it after the bound.
	 * @return whether the node held the tick
	 */
	private boolean awaitTickHeldBy(String id, Duration bound) throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + bound.toNanos();
		try (Connection connection = connect();
				var statement = connection.prepareStatement("SELECT count(*) FROM qrtz_fired_triggers"
						+ " WHERE instance_name = ? AND trigger_name = ? AND state = 'ACQUIRED'"
						+ " AND EXISTS (SELECT 1 FROM job WHERE state = 'active' AND node_id = ?)")) {
			statement.setString(1, id);
			statement.setString(2, SCHEDULE);
			statement.setString(3, id);
			while (System.nanoTime() < deadline) {
				try (ResultSet rs = statement.executeQuery()) {
					if (rs.next() && rs.getLong(1) > 0) {
						return true;
					}
				}
				Thread.sleep(5);
			}
		}
		return false;
	}

	private void awaitRunningOnEveryNode() {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.nodes.keySet()
				.stream()
				.allMatch((id) -> count("state = 'active' AND node_id = '" + id + "'") > 0));
	}

	/** Keeps a backlog of probe jobs, enqueued through the API of a live node. */
	private void feed() {
		int turn = 0;
		while (this.feeding.get()) {
			try {
				if (count("state = 'waiting' AND queue_name = 'default'") < BACKLOG) {
					List<ChildNode> live = this.nodes.values().stream().filter(ChildNode::alive).toList();
					ChildNode node = live.get(turn++ % live.size());
					enqueueBatch(node);
				}
				else {
					Thread.sleep(200);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// PostgreSQL down, a node dying under the request: try again shortly
				this.requestsRefused.incrementAndGet();
				sleepQuietly(300);
			}
		}
	}

	private void enqueueBatch(ChildNode node) {
		StringBuilder mutation = new StringBuilder("mutation {");
		for (int i = 0; i < BATCH; i++) {
			mutation.append(" j")
				.append(i)
				.append(": enqueueJob(input: {type: \"probe\", queueName: \"default\", payload: {sleepMs: 400},"
						+ " maxAttempts: 5}) { id }");
		}
		ApiClient.Response response = admin(node).graphql(mutation.append(" }").toString());
		JsonNode data = response.json().path("data");
		for (int i = 0; i < BATCH; i++) {
			JsonNode id = data.path("j" + i).path("id");
			if (!id.isMissingNode() && !id.isNull()) {
				this.accepted.add(Long.parseLong(id.asString()));
			}
		}
		if (response.status() != 200 || !response.json().path("errors").isMissingNode()) {
			this.requestsRefused.incrementAndGet();
			sleepQuietly(300);
		}
	}

	private boolean servesTheApi(ChildNode node) {
		try {
			ApiClient.Response response = admin(node).graphql("{ jobs(first: 1) { totalCount } }");
			return response.status() == 200 && response.json().path("errors").isMissingNode();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * A trigger of this test on {@code schedule_meta}: every firing that enqueued a job
	 * (run_count goes up in the same transaction) leaves its tick and the time.
	 */
	private void recordFiringsInTheDatabase() {
		execute("CREATE TABLE chaos_firing (tick TIMESTAMP WITH TIME ZONE NOT NULL,"
				+ " fired_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp())");
		execute("CREATE FUNCTION chaos_record_firing() RETURNS trigger LANGUAGE plpgsql AS"
				+ " $$ BEGIN INSERT INTO chaos_firing (tick) VALUES (NEW.last_fired_for); RETURN NEW; END $$");
		execute("CREATE TRIGGER chaos_firing AFTER UPDATE ON schedule_meta FOR EACH ROW"
				+ " WHEN (NEW.run_count IS DISTINCT FROM OLD.run_count) EXECUTE FUNCTION chaos_record_firing()");
	}

	private List<Firing> firings() throws SQLException {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT extract(epoch FROM tick),"
						+ " extract(epoch FROM fired_at) FROM chaos_firing ORDER BY fired_at")) {
			List<Firing> firings = new ArrayList<>();
			while (rs.next()) {
				firings.add(new Firing(Instant.ofEpochMilli(Math.round(rs.getDouble(1) * 1000)),
						Instant.ofEpochMilli(Math.round(rs.getDouble(2) * 1000))));
			}
			return firings;
		}
	}

	/**
	 * What the schedule did across a kill: from the last firing before it to the first
	 * after the ten seconds that follow it.
	 */
	private static KillWindow window(Kill kill, List<Firing> firings) {
		Instant from = kill.at().minusSeconds(1);
		Instant to = kill.at().plusSeconds(10);
		List<Instant> times = firings.stream().map(Firing::firedAt).sorted().toList();
		Instant before = times.stream().filter((t) -> t.isBefore(kill.at())).reduce((a, b) -> b).orElse(kill.at());
		Instant after = times.stream().filter((t) -> t.isAfter(to)).findFirst().orElse(to);
		double longest = 0;
		Instant previous = before;
		for (Instant time : times) {
			if (time.isAfter(before) && !time.isAfter(after)) {
				longest = Math.max(longest, Duration.between(previous, time).toMillis() / 1000.0);
				previous = time;
			}
		}
		Instant next = times.stream().filter((t) -> t.isAfter(kill.at())).findFirst().orElse(after);
		Map<Instant, Long> perTick = firings.stream()
			.collect(Collectors.groupingBy(Firing::tick, TreeMap::new, Collectors.counting()));
		List<Instant> missed = new ArrayList<>();
		long doubles = 0;
		for (Instant tick = from.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS); !tick
			.isAfter(to); tick = tick.plusSeconds(1)) {
			long fired = perTick.getOrDefault(tick, 0L);
			if (fired == 0) {
				missed.add(tick);
			}
			doubles += Math.max(0, fired - 1);
		}
		return new KillWindow(kill.node(), Duration.between(kill.at(), next).toMillis() / 1000.0, longest, missed,
				doubles);
	}

	private ChildNode node(String id) {
		return this.nodes.get(id);
	}

	private static ApiClient admin(ChildNode node) {
		return ApiClient.as(node.port(), "admin", PASSWORD);
	}

	private EmbeddedPostgres startPostgres() throws IOException {
		// the same data directory and port at every start: a restart, not a new server
		return EmbeddedPostgres.builder()
			.setDataDirectory(DIR.resolve("postgres").toAbsolutePath())
			.setCleanDataDirectory(false)
			.setPort(this.postgresPort)
			.setServerConfig("max_connections", "300")
			.start();
	}

	private RedisServer startRedis() throws IOException {
		RedisServer server = RedisServer.newRedisServer().port(this.redisPort).bind("127.0.0.1").build();
		server.start();
		return server;
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + this.postgresPort + "/postgres", "postgres",
				"postgres");
	}

	private void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	private long count(String condition) {
		return count(condition, "count(*)");
	}

	private long count(String condition, String aggregate) {
		Long value = query("SELECT " + aggregate + " FROM job WHERE " + condition, Long.class);
		return (value != null) ? value : 0;
	}

	private <T> T query(String sql, Class<T> type) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getObject(1, type);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	private Set<Long> ids(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			Set<Long> ids = new java.util.TreeSet<>();
			while (rs.next()) {
				ids.add(rs.getLong(1));
			}
			return ids;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	private static String joined(Set<Long> ids) {
		return ids.isEmpty() ? "NULL" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Kill(String node, Instant at, Set<Long> running, double rescueSeconds, boolean heldTick) {
	}

	private record Firing(Instant tick, Instant firedAt) {
	}

	private record KillWindow(String node, double nextFiringSeconds, double longestPauseSeconds, List<Instant> missed,
			long doubles) {
	}

	/**
	 * A node as production runs it: the packaged jar in a JVM of its own, killed with
	 * SIGKILL (nothing of it runs after: no shutdown hook, no lease handed back).
	 */
	private record ChildNode(String id, int port, Process process) {

		static ChildNode start(String id, int postgresPort, int redisPort) {
			int port = freePort();
			String java = ProcessHandle.current().info().command().orElse("java");
			List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
					"-XX:ActiveProcessorCount=2", "-jar", "target/batchyard.jar"));
			command.addAll(List.of("--spring.profiles.active=prod", "--server.port=" + port,
					"--spring.datasource.url=jdbc:postgresql://localhost:" + postgresPort + "/postgres",
					"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
					"--spring.datasource.hikari.maximum-pool-size=20",
					"--spring.data.redis.url=redis://127.0.0.1:" + redisPort, "--batchyard.node.id=" + id,
					"--spring.quartz.properties.org.quartz.scheduler.instanceId=" + id,
					"--batchyard.security.admin.password=" + PASSWORD,
					"--batchyard.catalog.queues.default.concurrency=" + WORKERS,
					"--batchyard.catalog.queues.default.max-workers=" + WORKERS,
					// a dead node's jobs come back after 15 s instead of 30 s: the
					// soak stays within its minutes
					"--batchyard.engine.lease-duration=15s", "--batchyard.engine.lease-renew-interval=3s",
					"--batchyard.engine.rescue-interval=1s", "--spring.main.banner-mode=off",
					"--logging.level.root=warn"));
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(DIR.resolve(id + ".log").toFile()))
					.start();
				return new ChildNode(id, port, process);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start node " + id, ex);
			}
		}

		void awaitServing() {
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
				assertThat(this.process.isAlive())
					.as("node %s is running (its log: %s)", this.id, DIR.resolve(this.id + ".log"))
					.isTrue();
				try {
					return ApiClient.anonymous(this.port).get("/actuator/health").status() == 200;
				}
				catch (RuntimeException ex) {
					return false;
				}
			});
		}

		boolean alive() {
			return this.process.isAlive();
		}

		void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
