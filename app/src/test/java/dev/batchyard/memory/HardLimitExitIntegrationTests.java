package dev.batchyard.memory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The opt-in self-restart in a real child JVM running the packaged jar: a node with
 * {@code exit-on-hard-limit}, a 200 MB hard limit and a 1 GB heap (4 MB regions, so that
 * the probe's 1 MB arrays are not humongous objects of two regions each) runs a probe
 * that holds 250 MB. Its heap stays over the hard limit after full collections, so it
 * stops gracefully, hands the job back to waiting with its attempt unspent and exits with
 * code 75. A node started afterwards (its successor, as a supervisor would start one)
 * runs the job to completion.
 */
class HardLimitExitIntegrationTests {

	private static final String CHILD = "leaky-node";

	private static final String QUEUE = "low-priority";

	@Test
	void aNodeWhoseHeapStaysOverTheHardLimitHandsItsJobBackAndExitsNonZero() throws Exception {
		String url = TestServers.freshPostgresDatabase("hard_limit_exit");
		// this node enqueues and serves another queue only, so the child gets the job
		try (Node front = Node.start("front-node", url, "batchyard.node.queues=default")) {
			Jobs jobs = front.bean(Jobs.class);
			JdbcClient jdbc = front.bean(JdbcClient.class);
			Process child = startChild(url);
			try {
				await().atMost(Duration.ofMinutes(3)).until(() -> checkedIn(jdbc) || !child.isAlive());
				assertThat(child.isAlive()).as("the child node started (its log: %s)", childLog()).isTrue();

				long id = jobs
					.enqueue(EnqueueRequest.of("probe", "{\"allocateMb\": 250, \"sleepMs\": 15000}").onQueue(QUEUE))
					.job()
					.id();
				await().atMost(Duration.ofSeconds(60)).until(() -> state(jobs, id) != JobState.WAITING);

				assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("the child exited (its log: %s)", childLog())
					.isTrue();
				assertThat(child.exitValue()).isEqualTo(MemoryProperties.EXIT_CODE);
				Job handedBack = jobs.find(id).orElseThrow();
				assertThat(handedBack.state()).isEqualTo(JobState.WAITING);
				assertThat(handedBack.attempts()).as("the handed-back attempt is not spent").isZero();
				assertThat(handedBack.failures()).isEmpty();
				assertThat(Files.readString(childLog())).contains("exiting with code 75");
			}
			finally {
				child.destroyForcibly();
			}

			try (Node successor = Node.start("successor-node", url, "batchyard.node.queues=" + QUEUE)) {
				Job done = await().atMost(Duration.ofSeconds(90))
					.until(() -> jobs.find(id(jdbc)).orElseThrow(), (job) -> job.state() == JobState.COMPLETED);
				assertThat(done.attempts()).isEqualTo(1);
				assertThat(done.workerId()).startsWith(QUEUE + "@successor-node#");
			}
		}
	}

	private static long id(JdbcClient jdbc) {
		return jdbc.sql("SELECT id FROM job WHERE queue_name = ?").param(QUEUE).query(Long.class).single();
	}

	private static JobState state(Jobs jobs, long id) {
		return jobs.find(id).orElseThrow().state();
	}

	private static Process startChild(String url) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=4m",
				"-XX:TieredStopAtLevel=1", "-jar", "target/batchyard.jar"));
		command.addAll(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--batchyard.node.id=" + CHILD,
				"--spring.quartz.properties.org.quartz.scheduler.instanceId=" + CHILD,
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--batchyard.node.queues=" + QUEUE, "--batchyard.engine.shutdown-timeout=1s",
				"--batchyard.memory.sample-interval=500ms", "--batchyard.memory.soft-limit-mb=100",
				"--batchyard.memory.hard-limit-mb=200", "--batchyard.memory.recycle-on-hard-limit=false",
				"--batchyard.memory.exit-on-hard-limit=true", "--batchyard.memory.exit-on-hard-limit-after=1s",
				"--logging.level.root=warn"));
		File log = childLog().toFile();
		Files.deleteIfExists(log.toPath());
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
			.start();
	}

	private static Path childLog() {
		return Path.of("target", "hard-limit-exit-child.log");
	}

	private static boolean checkedIn(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM node WHERE id = ? AND status = 'UP'")
			.param(CHILD)
			.query(Long.class)
			.single() > 0;
	}

}
