package dev.batchyard.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code batchyard} command line against a real node on PostgreSQL, as an operator
 * runs it: every command with its table and its {@code --json}, usage errors (exit 2),
 * API errors with their code (exit 1), a viewer refused a mutation, an unreachable node,
 * and the launcher script {@code bin/batchyard} run as a child process on the app jar.
 * What each command printed is written to {@code target/cli-output/} (the README's
 * examples come from there).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "batchyard.security.admin.password=admin-secret",
				"batchyard.security.viewer.password=viewer-secret",
				"batchyard.api.rate-limit.requests-per-minute=100000", "batchyard.monitoring.interval=1s",
				"batchyard.monitoring.counts-refresh=200ms",
				"batchyard.catalog.queues.search-reindex.alerts.queue-depth.warning=3" })
class CliIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Path OUTPUT = Path.of("target", "cli-output");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String url = TestServers.freshPostgresDatabase("cli");
		registry.add("spring.datasource.url", () -> url);
		// the store's environment post-processor runs before dynamic properties are
		// known, so it cannot pick Quartz's PostgreSQL delegate from this URL
		registry.add("spring.quartz.properties.org.quartz.jobStore.driverDelegateClass",
				() -> "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
	}

	@Test
	void statsShowsTheDashboardsFigures() {
		Run table = cli("stats");
		table.succeeded();
		JsonNode dashboard = cli("stats", "--json").data().path("dashboard");
		int queues = cli("queues", "--json").data().path("queues").size();
		assertThat(dashboard.path("totalQueues").asInt()).isEqualTo(queues).isGreaterThan(1);
		assertThat(table.out()).startsWith("FIELD").containsPattern("(?m)^totalQueues +" + queues + "$");
		assertThat(table.out()).containsPattern("(?m)^activeAlerts +\\d+$");
		record("stats", table);
	}

	@Test
	void queuesListsEveryQueueWithItsTierAndHealth() {
		Run table = cli("queues");
		table.succeeded();
		assertThat(table.out().lines().findFirst()).hasValueSatisfying(
				(header) -> assertThat(header).startsWith("NAME").contains("TIER", "STATUS", "WAITING", "P95 MS"));
		assertThat(table.out()).containsPattern("(?m)^default +NORMAL +HEALTHY +false ");
		assertThat(table.out()).containsPattern("(?m)^payment-processing +CRITICAL ");
		JsonNode data = cli("queues", "--json").data();
		assertThat(data.path("queues").findValuesAsString("name")).contains("default", "payment-processing");
		assertThat(data.path("queuesHealth").size()).isEqualTo(data.path("queues").size());
		record("queues", table);
	}

	@Test
	void pauseAndResumeAQueueAndTheQueuesTableShowsIt() {
		Run paused = cli("queues", "pause", "low-priority");
		paused.succeeded();
		assertThat(paused.out()).containsPattern("(?m)^low-priority +PAUSED$");
		assertThat(cli("queues").out()).containsPattern("(?m)^low-priority +LOW +\\S+ +true ");

		Run again = cli("queues", "pause", "low-priority");
		again.failedWith(1, "QUEUE_ALREADY_PAUSED");

		JsonNode resumed = cli("queues", "resume", "low-priority", "--json").data().path("resumeQueue");
		assertThat(resumed.path("status").asString()).isEqualTo("ACTIVE");
		assertThat(resumed.path("success").asBoolean()).isTrue();
		cli("queues", "resume", "low-priority").failedWith(1, "QUEUE_NOT_PAUSED");
		record("queues-pause", paused);
	}

	@Test
	void cleanRemovesAQueuesWaitingJobs() {
		cli("queues", "pause", "high-priority").succeeded();
		for (int i = 0; i < 3; i++) {
			cli("enqueue", "probe", "{}", "--queue", "high-priority").succeeded();
		}
		Run clean = cli("queues", "clean", "high-priority", "--state", "waiting", "--limit", "2");
		clean.succeeded();
		assertThat(clean.out()).containsPattern("(?m)^high-priority +WAITING +2$");
		JsonNode rest = cli("queues", "clean", "high-priority", "--state", "WAITING", "--json").data();
		assertThat(rest.path("cleanQueue").path("removed").asInt()).isEqualTo(1);
		assertThat(jobs("--queue", "high-priority").path("totalCount").asInt()).isZero();
		cli("queues", "resume", "high-priority").succeeded();
		cli("queues", "clean", "high-priority").failedWith(2, "--state is required");
		record("queues-clean", clean);
	}

	@Test
	void enqueueTakesThePayloadFromAnArgumentOrStandardInput() {
		Run enqueued = cli("enqueue", "probe", "{\"steps\": 1, \"sleepMs\": 5}", "--queue", "default", "--priority",
				"4");
		enqueued.succeeded();
		assertThat(enqueued.out()).startsWith("ID").containsPattern("(?m)^\\d+ +default +probe +\\S+ +4 ");

		Run piped = run(new ByteArrayInputStream("{\"sleepMs\": 7}".getBytes(StandardCharsets.UTF_8)), admin(),
				"enqueue", "probe", "-", "--queue", "default", "--json");
		piped.succeeded();
		String id = json(piped).path("enqueueJob").path("id").asString();
		JsonNode job = cli("jobs", "show", id, "--json").data().path("job");
		assertThat(job.path("payload").path("sleepMs").asInt()).isEqualTo(7);
		assertThat(job.path("queueName").asString()).isEqualTo("default");

		cli("enqueue", "probe", "{not json").failedWith(2, "The payload is not JSON");
		cli("enqueue", "probe", "{}", "--queue", "no-such-queue").failedWith(1, "QUEUE_NOT_FOUND");
		record("enqueue", enqueued);
	}

	@Test
	void jobsListsAFilteredPageAndShowOpensOne() {
		String first = enqueue("default", "{\"sleepMs\": 4711}");
		String second = enqueue("default", "{\"sleepMs\": 4711}");
		enqueue("default", "{\"sleepMs\": 1}");
		awaitState(second, "COMPLETED");
		awaitState(first, "COMPLETED");

		Run page = cli("jobs", "--search", "4711", "--state", "completed", "--first", "1");
		page.succeeded();
		assertThat(page.out()).containsPattern("(?m)^" + second + " +default +probe +COMPLETED ")
			.doesNotContain("\n" + first + " ")
			.contains("1 of 2 jobs; next page: --after ");
		String after = page.out().substring(page.out().indexOf("--after ") + 8).strip();
		Run next = cli("jobs", "--search", "4711", "--first", "1", "--after", after);
		assertThat(next.out()).containsPattern("(?m)^" + first + " +default ").contains("1 of 2 jobs\n");
		JsonNode data = jobs("--search", "4711");
		assertThat(data.path("totalCount").asInt()).isEqualTo(2);
		assertThat(data.path("edges").findValuesAsString("id")).containsExactly(second, first);

		Run show = cli("jobs", "show", first);
		show.succeeded();
		assertThat(show.out()).containsPattern("(?m)^state +COMPLETED$")
			.containsPattern("(?m)^payload +\\{\"sleepMs\":4711\\}$");
		assertThat(cli("jobs", "show", first, "--json").data().path("job").path("state").asString())
			.isEqualTo("COMPLETED");
		cli("jobs", "show", "987654").failedWith(1, "JOB_NOT_FOUND");
		cli("jobs", "--state", "sleeping").failedWith(2, "--state must be one of");
		record("jobs", page);
		record("jobs-show", show);
	}

	@Test
	void retryPutsAFailedJobBackAndShowListsItsFailure() {
		String id = failedJob("default");
		Run show = cli("jobs", "show", id);
		assertThat(show.out()).contains("Failures:").containsPattern("(?m)^1 +\\S+ +false +false +.+");

		Run retried = cli("jobs", "retry", id);
		retried.succeeded();
		assertThat(retried.out()).containsPattern("(?m)^" + id + " +default +probe +(WAITING|ACTIVE|DELAYED|FAILED) ");
		assertThat(cli("jobs", "show", id, "--json").data().path("job").path("failures").size())
			.isGreaterThanOrEqualTo(1);
		awaitState(id, "FAILED");
		assertThat(cli("jobs", "retry", id, "--json").data().path("retryJob").path("id").asString()).isEqualTo(id);
		record("jobs-retry", retried);
		record("jobs-show-failed", show);
	}

	@Test
	void cancelStopsADelayedJob() {
		String id = json(cli("enqueue", "probe", "{}", "--queue", "default", "--delay", "600000", "--json"))
			.path("enqueueJob")
			.path("id")
			.asString();
		Run cancelled = cli("jobs", "cancel", id);
		cancelled.succeeded();
		assertThat(cancelled.out()).containsPattern("(?m)^" + id + " +default +probe +CANCELLED ");
		cli("jobs", "cancel", id, "--json").failedWith(1, "INVALID_PARAMETERS");
		record("jobs-cancel", cancelled);
	}

	@Test
	void deleteRemovesAJob() {
		String id = enqueue("default", "{}");
		awaitState(id, "COMPLETED");
		Run deleted = cli("jobs", "delete", id);
		deleted.succeeded();
		assertThat(deleted.out()).containsPattern("(?m)^" + id + " +true$");
		cli("jobs", "show", id).failedWith(1, "JOB_NOT_FOUND");
		cli("jobs", "delete", id, "--json").failedWith(1, "JOB_NOT_FOUND");
		record("jobs-delete", deleted);
	}

	@Test
	void retryFailedPutsAQueuesFailedJobsBack() {
		failedJob("metrics-rollup");
		failedJob("metrics-rollup");
		// paused, the retried jobs stay waiting instead of failing again
		cli("queues", "pause", "metrics-rollup").succeeded();
		Run retried = cli("jobs", "retry-failed", "metrics-rollup", "--limit", "1");
		retried.succeeded();
		assertThat(retried.out()).containsPattern("(?m)^metrics-rollup +1 +1 +0$");
		JsonNode rest = cli("jobs", "retry-failed", "metrics-rollup", "--json").data().path("retryFailedJobs");
		assertThat(rest.path("retried").asInt()).isEqualTo(1);
		assertThat(rest.path("success").asBoolean()).isTrue();
		cli("jobs", "retry-failed", "metrics-rollup", "--limit", "0").failedWith(1, "INVALID_PARAMETERS");
		assertThat(jobs("--queue", "metrics-rollup", "--state", "WAITING").path("totalCount").asInt()).isEqualTo(2);
		cli("queues", "resume", "metrics-rollup").succeeded();
		record("jobs-retry-failed", retried);
	}

	@Test
	void schedulesAreCreatedListedTriggeredDisabledAndEnabled() {
		Run created = cli("schedules", "create", "cli-nightly", "--type", "probe", "--cron", "0 0 3 * * ?", "--queue",
				"default", "--timezone", "Europe/Berlin", "--payload", "{\"steps\": 1}");
		created.succeeded();
		assertThat(created.out()).containsPattern(
				"(?m)^cli-nightly +probe +default +0 0 3 \\* \\* \\? +Europe/Berlin +true +5 +- +\\S+ +0$");

		Run list = cli("schedules");
		assertThat(list.out()).startsWith("NAME").contains("cli-nightly");
		assertThat(cli("schedules", "--json").data().path("schedules").findValuesAsString("name"))
			.contains("cli-nightly");

		Run triggered = cli("schedules", "trigger", "cli-nightly");
		triggered.succeeded();
		assertThat(triggered.out()).containsPattern("(?m)^\\d+ +default +probe ");
		assertThat(cli("schedules", "--json").data().path("schedules").get(0).path("runCount").asInt()).isEqualTo(1);

		Run disabled = cli("schedules", "disable", "cli-nightly");
		assertThat(disabled.out()).containsPattern("(?m)^cli-nightly .* false +5 +\\S+ +- +1$");
		JsonNode enabled = cli("schedules", "enable", "cli-nightly", "--json").data().path("enableSchedule");
		assertThat(enabled.path("enabled").asBoolean()).isTrue();
		assertThat(enabled.path("nextRunAt").isNull()).isFalse();

		cli("schedules", "create", "cli-bad", "--type", "probe", "--cron", "every night").failedWith(1, "INVALID_CRON");
		cli("schedules", "create", "cli-bad", "--type", "probe").failedWith(2, "--cron is required");
		cli("schedules", "trigger", "no-such-schedule").failedWith(1, "SCHEDULE_NOT_FOUND");
		record("schedules-create", created);
		record("schedules", list);
		record("schedules-trigger", triggered);
	}

	@Test
	void alertsListsARaisedAlertAndAckAcknowledgesIt() {
		cli("queues", "pause", "search-reindex").succeeded();
		for (int i = 0; i < 4; i++) {
			enqueue("search-reindex", "{}");
		}
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> cli("alerts", "--queue", "search-reindex", "--json").data().path("alerts").size() == 1);
		Run alerts = cli("alerts", "--queue", "search-reindex");
		alerts.succeeded();
		assertThat(alerts.out())
			.containsPattern("(?m)^\\d+ +WARNING +search-reindex +QUEUE_DEPTH +Queue depth: \\d >= 3 +\\S+ +- +-$");
		String id = cli("alerts", "--json").data().path("alerts").get(0).path("id").asString();

		Run acknowledged = cli("alerts", "ack", id);
		acknowledged.succeeded();
		assertThat(acknowledged.out()).containsPattern("(?m)^" + id + " +WARNING +search-reindex .* admin +-$");
		assertThat(cli("alerts", "--queue", "search-reindex", "--json").data().path("alerts").size()).isZero();
		JsonNode acked = cli("alerts", "--acknowledged", "--json").data().path("alerts").get(0);
		assertThat(acked.path("acknowledgedBy").asString()).isEqualTo("admin");
		assertThat(cli("alerts", "--all", "--severity", "warning", "--json").data().path("alerts").size())
			.isGreaterThanOrEqualTo(1);
		cli("alerts", "ack", "987654").failedWith(1, "ALERT_NOT_FOUND");
		cli("queues", "clean", "search-reindex", "--state", "WAITING").succeeded();
		cli("queues", "resume", "search-reindex").succeeded();
		record("alerts", alerts);
		record("alerts-ack", acknowledged);
	}

	@Test
	void scaleChangesAQueuesScalingPolicy() {
		Run scaled = cli("scale", "email-campaigns", "--min", "2", "--max", "12", "--up-depth", "80", "--cooldown-up",
				"30");
		scaled.succeeded();
		assertThat(scaled.out()).containsPattern("(?m)^minWorkers +2$")
			.containsPattern("(?m)^maxWorkers +12$")
			.containsPattern("(?m)^scaleUpThreshold.queueDepth +80$")
			.containsPattern("(?m)^cooldownSeconds.scaleUp +30$");
		JsonNode policy = cli("scale", "email-campaigns", "--down-latency", "3000", "--json").data()
			.path("updateScalingPolicy")
			.path("policy");
		assertThat(policy.path("maxWorkers").asInt()).isEqualTo(12);
		assertThat(policy.path("scaleDownThreshold").path("queueLatencyMs").asLong()).isEqualTo(3000);
		cli("scale", "email-campaigns", "--max", "60").failedWith(1, "EXCEEDS_SYSTEM_LIMIT");
		cli("scale", "email-campaigns").failedWith(2, "Give at least one value");
		record("scale", scaled);
	}

	@Test
	void aBadCommandLineIsAUsageErrorWithExitCodeTwo() {
		cli("frobnicate").failedWith(2, "Unknown command 'frobnicate'");
		cli().failedWith(2, "Give a command");
		Run badNumber = cli("jobs", "--first", "ten");
		badNumber.failedWith(2, "--first must be a whole number, not 'ten'");
		assertThat(badNumber.err()).contains("usage: batchyard jobs [--queue <queue>]");
		cli("queues", "pause").failedWith(2, "'queues pause' needs <queue>");
		cli("queues", "pause", "a", "b").failedWith(2, "Too many arguments");
		cli("queues", "--state", "FAILED").failedWith(2, "Unknown option --state for 'queues'");
		cli("stats", "--url", "ftp://example").failedWith(2, "--url must be an http or https URL");
		Run help = cli("--help");
		assertThat(help.code()).isZero();
		assertThat(help.out()).contains("batchyard queues pause <queue>", "batchyard enqueue <type>");
	}

	@Test
	void anApiErrorPrintsItsCodeAndExitsWithOne() {
		Run notFound = cli("queues", "pause", "no-such-queue");
		notFound.failedWith(1, "QUEUE_NOT_FOUND: ");
		assertThat(notFound.out()).isEmpty();
		assertThat(notFound.err().lines()).hasSize(1);

		Map<String, String> wrong = Map.of("BATCHYARD_URL", url(), "BATCHYARD_PASSWORD", "not-the-password");
		run(InputStream.nullInputStream(), wrong, "stats").failedWith(1, "UNAUTHORIZED");
		run(InputStream.nullInputStream(), Map.of("BATCHYARD_URL", url()), "stats").failedWith(1, "UNAUTHORIZED");
	}

	@Test
	void aViewerCallingAMutationIsForbiddenButMayQuery() {
		Map<String, String> none = Map.of();
		Run refused = run(InputStream.nullInputStream(), none, "queues", "pause", "default", "--url", url(), "--user",
				"viewer", "--password", "viewer-secret");
		refused.failedWith(1, "FORBIDDEN: ");
		Map<String, String> viewer = Map.of("BATCHYARD_URL", url(), "BATCHYARD_USER", "viewer", "BATCHYARD_PASSWORD",
				"viewer-secret");
		run(InputStream.nullInputStream(), viewer, "stats").succeeded();
		run(InputStream.nullInputStream(), viewer, "enqueue", "probe").failedWith(1, "FORBIDDEN");
		assertThat(cli("queues", "--json").data().path("queues").findValuesAsString("name")).contains("default");
		assertThat(cli("queues").out()).containsPattern("(?m)^default +NORMAL +\\S+ +false ");
	}

	@Test
	void anUnreachableNodeIsOneSentenceAndExitCodeOne() {
		Run refused = run(InputStream.nullInputStream(), Map.of("BATCHYARD_PASSWORD", "x"), "stats", "--url",
				"http://127.0.0.1:" + closedPort());
		refused.failedWith(1, "Cannot reach Batchyard at http://127.0.0.1:");
		assertThat(refused.err()).contains("connection was refused")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
		assertThat(refused.err().lines()).hasSize(1);
	}

	@Test
	void theLauncherScriptRunsTheToolFromTheAppJar() throws Exception {
		Path script = Path.of("..", "bin", "batchyard").toAbsolutePath().normalize();
		assertThat(script).isExecutable();
		Map<String, String> environment = admin();

		Process stats = launch(script, environment, "stats", "--json");
		JsonNode dashboard = json.readTree(stats.inputReader().lines().reduce("", String::concat));
		assertThat(stats.waitFor()).isZero();
		assertThat(dashboard.path("dashboard").path("totalQueues").asInt()).isGreaterThan(1);

		Process queues = launch(script, environment, "queues");
		String table = new String(queues.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(queues.waitFor()).isZero();
		assertThat(table).containsPattern("(?m)^default +NORMAL ");

		Process notFound = launch(script, environment, "queues", "pause", "no-such-queue");
		String error = new String(notFound.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(notFound.waitFor()).isEqualTo(1);
		assertThat(error).startsWith("QUEUE_NOT_FOUND: ");

		Process usage = launch(script, environment, "frobnicate");
		String usageText = new String(usage.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(usage.waitFor()).isEqualTo(2);
		assertThat(usageText).contains("Unknown command 'frobnicate'", "usage: batchyard");

		long start = System.nanoTime();
		Process help = launch(script, environment, "--help");
		help.getInputStream().readAllBytes();
		assertThat(help.waitFor()).isZero();
		System.out.printf("bin/batchyard --help took %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
	}

	private Process launch(Path script, Map<String, String> environment, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(script.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		// the class-data archive in the build folder, not in the home of whoever builds
		builder.environment().put("BATCHYARD_CDS", Path.of("target", "cli.jsa").toAbsolutePath().toString());
		Process process = builder.start();
		process.getOutputStream().close();
		return process;
	}

	private String enqueue(String queue, String payload) {
		return json(cli("enqueue", "probe", payload, "--queue", queue, "--json")).path("enqueueJob")
			.path("id")
			.asString();
	}

	private String failedJob(String queue) {
		String id = json(
				cli("enqueue", "probe", "{\"failAttempts\": 5}", "--queue", queue, "--max-attempts", "1", "--json"))
			.path("enqueueJob")
			.path("id")
			.asString();
		awaitState(id, "FAILED");
		return id;
	}

	private void awaitState(String id, String state) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> state.equals(cli("jobs", "show", id, "--json").data().path("job").path("state").asString()));
	}

	private JsonNode jobs(String... filter) {
		List<String> args = new ArrayList<>(List.of("jobs", "--json"));
		args.addAll(List.of(filter));
		return cli(args.toArray(String[]::new)).data().path("jobs");
	}

	private String url() {
		return "http://localhost:" + this.port;
	}

	private Map<String, String> admin() {
		return Map.of("BATCHYARD_URL", url(), "BATCHYARD_PASSWORD", "admin-secret");
	}

	private Run cli(String... args) {
		return run(InputStream.nullInputStream(), admin(), args);
	}

	private static Run run(InputStream in, Map<String, String> environment, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = BatchyardCli.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), new HashMap<>(environment));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
				String.join(" ", args));
	}

	private static JsonNode json(Run run) {
		run.succeeded();
		return json.readTree(run.out());
	}

	private static int closedPort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void record(String name, Run run) {
		try {
			Files.createDirectories(OUTPUT);
			Files.writeString(OUTPUT.resolve(name + ".txt"), "$ batchyard " + run.command() + "\n" + run.out());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What one run of the tool printed and returned. */
	private record Run(int code, String out, String err, String command) {

		Run succeeded() {
			assertThat(this.code).as("exit code of '%s', stderr: %s", this.command, this.err).isZero();
			assertThat(this.err).isEmpty();
			return this;
		}

		void failedWith(int expected, String message) {
			assertThat(this.code).as("exit code of '%s', stderr: %s", this.command, this.err).isEqualTo(expected);
			assertThat(this.err).contains(message);
		}

		JsonNode data() {
			return json(this);
		}

	}

}
