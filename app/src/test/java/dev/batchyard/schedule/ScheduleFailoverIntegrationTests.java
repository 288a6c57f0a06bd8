package dev.batchyard.schedule;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.catalog.probe.ProbeJobType;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node killed with SIGKILL while it holds a per-second schedule's next tick: another
 * node fires the schedule again within 5 s, and every tick from then on, none twice. The
 * victim is a separate JVM running the packaged jar, so its death is a real one: no
 * shutdown hook runs and it releases nothing. The shipped configuration, with no Quartz
 * setting of the test's own. The survivor's Quartz stands by until the victim has taken a
 * tick (its check-ins and the recovery of dead nodes go on meanwhile), then runs again.
 */
class ScheduleFailoverIntegrationTests {

	private static final String SCHEDULE = "every-second-through-a-kill";

	private static final String VICTIM = "victim";

	private final Queue<ScheduleFired> fired = new ConcurrentLinkedQueue<>();

	@Test
	void aKilledNodesScheduleFiresAgainOnAnotherNodeWithinFiveSeconds() throws Exception {
		String url = TestServers.freshPostgresDatabase("schedule_failover");
		try (ConfigurableApplicationContext survivor = new SpringApplicationBuilder(BatchyardApplication.class)
			.listeners(recorder())
			.run(nodeArguments(url, "survivor").toArray(String[]::new))) {
			JdbcClient jdbc = survivor.getBean(JdbcClient.class);
			Process victim = startVictim(url);
			try {
				await().atMost(Duration.ofMinutes(3)).until(() -> checkedIn(jdbc) || !victim.isAlive());
				assertThat(victim.isAlive()).as("the victim node started (its log: %s)", victimLog()).isTrue();
				// the survivor stands by until the victim holds a tick: a node that has
				// just
				// fired a trigger takes it again first, so the victim might never get it
				Scheduler quartz = survivor.getBean(Scheduler.class);
				quartz.standby();
				survivor.getBean(Schedules.class)
					.create(ScheduleRequest.of(SCHEDULE, ProbeJobType.NAME, "*/1 * * * * ?")
						// a job the victim left active must not hold the ticks back
						.withOverlapPolicy(OverlapPolicy.ALLOW_ALL));

				long heldTick = await().atMost(Duration.ofMinutes(1))
					.pollInterval(Duration.ofMillis(5))
					.until(() -> tickHeldByVictim(jdbc), (tick) -> tick != null);
				victim.destroyForcibly();
				Instant killedAt = Instant.now();
				quartz.start();
				assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();

				await().atMost(Duration.ofSeconds(30))
					.until(() -> this.fired.stream()
						.anyMatch((firing) -> firing.fireTime().isAfter(killedAt.plusSeconds(6))));
				Instant firstAfterKill = this.fired.stream()
					.map(ScheduleFired::fireTime)
					.filter((time) -> time.isAfter(killedAt))
					.min(Instant::compareTo)
					.orElseThrow();
				Duration pause = Duration.between(killedAt, firstAfterKill);
				TreeMap<Instant, Long> perTick = this.fired.stream()
					.map(ScheduleFired::scheduledFireTime)
					.collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
				System.out.printf("schedule failover: held tick %s, killed at %s, next firing %s, pause %d ms%n",
						Instant.ofEpochMilli(heldTick), killedAt, firstAfterKill, pause.toMillis());

				assertThat(pause).as("the schedule's pause after the kill").isLessThan(Duration.ofSeconds(5));
				// every tick after the one the victim held is fired, once: a firing the
				// victim had begun counts for its own tick and hides no later one
				Instant resumed = Instant.ofEpochMilli(heldTick).plusSeconds(1);
				Instant last = perTick.lastKey();
				for (Instant tick = resumed; !tick.isAfter(last); tick = tick.plusSeconds(1)) {
					assertThat(perTick).as("tick %s, after the failover", tick).containsKey(tick);
				}
				assertThat(perTick.values()).as("no tick fired twice").allMatch((count) -> count == 1);
				assertThat(perTick.keySet()).as("every firing counted for a whole-second tick")
					.allMatch((tick) -> tick.getNano() == 0);
				long jobs = jdbc.sql("SELECT COUNT(*) FROM job WHERE schedule_name = ?")
					.param(SCHEDULE)
					.query(Long.class)
					.single();
				long runCount = survivor.getBean(Schedules.class).find(SCHEDULE).orElseThrow().runCount();
				assertThat(jobs).as("one job per firing counted").isEqualTo(runCount);
			}
			finally {
				victim.destroyForcibly();
			}
		}
	}

	private static List<String> nodeArguments(String url, String node) {
		// arguments, not builder properties: those are defaults that application.yml
		// overrides
		return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--batchyard.node.id=" + node,
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off");
	}

	private static Process startVictim(String url) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new java.util.ArrayList<>(
				List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", "target/batchyard.jar"));
		command.addAll(nodeArguments(url, VICTIM));
		command.add("--logging.level.root=warn");
		File log = victimLog().toFile();
		Files.deleteIfExists(log.toPath());
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
			.start();
	}

	private static Path victimLog() {
		return Path.of("target", "schedule-failover-victim.log");
	}

	private static boolean checkedIn(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM qrtz_scheduler_state WHERE instance_name = ?")
			.param(VICTIM)
			.query(Long.class)
			.single() > 0;
	}

	/** The tick of this test's schedule that the victim has taken and not yet fired. */
	private static Long tickHeldByVictim(JdbcClient jdbc) {
		return jdbc
			.sql("SELECT sched_time FROM qrtz_fired_triggers WHERE instance_name = ? AND state = 'ACQUIRED'"
					+ " AND trigger_name = ? ORDER BY sched_time LIMIT 1")
			.param(VICTIM)
			.param(SCHEDULE)
			.query(Long.class)
			.list()
			.stream()
			.findFirst()
			.orElse(null);
	}

	private ApplicationListener<?> recorder() {
		return (event) -> {
			if (event instanceof PayloadApplicationEvent<?> payload
					&& payload.getPayload() instanceof ScheduleFired firing && firing.scheduleName().equals(SCHEDULE)) {
				this.fired.add(firing);
			}
		};
	}

}
