package dev.batchyard.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.catalog.probe.ProbeJobType;
import dev.batchyard.engine.Job;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes (application contexts) on one PostgreSQL database share Quartz's clustered
 * JDBC store: an every-second schedule fires exactly once per tick.
 */
class ScheduleClusterIntegrationTests {

	private static final int TICKS = 30;

	private static final String SCHEDULE = "every-second-on-three-nodes";

	private static final Queue<ScheduleFired> fired = new ConcurrentLinkedQueue<>();

	private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private static JdbcClient jdbc;

	@BeforeAll
	static void startThreeNodesOnOneDatabase() {
		String url = TestServers.freshPostgresDatabase("schedule_cluster");
		for (String node : List.of("node-a", "node-b", "node-c")) {
			// arguments, not builder properties: those are defaults that application.yml
			// overrides, and the nodes would share the embedded H2 file instead
			nodes.add(new SpringApplicationBuilder(BatchyardApplication.class).listeners(recorder())
				.run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
						"--spring.datasource.password=postgres", "--batchyard.node.id=" + node,
						"--spring.main.web-application-type=none"));
		}
		jdbc = nodes.get(0).getBean(JdbcClient.class);
		assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
	}

	@AfterAll
	static void stopTheNodes() {
		nodes.reversed().forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void anEverySecondScheduleFiresOncePerTickForThirtyTicksThenDisableStopsItAndTriggerNowEnqueuesOne() {
		// every tick fires, whether or not the last job has finished
		// (ScheduleOverlapTests)
		schedules(0).create(ScheduleRequest.of(SCHEDULE, ProbeJobType.NAME, "*/1 * * * * ?")
			.withOverlapPolicy(OverlapPolicy.ALLOW_ALL));
		await().atMost(Duration.ofSeconds(15)).until(() -> !fired.isEmpty());
		Instant first = fired.stream()
			.map(ScheduleFired::scheduledFireTime)
			.min(Comparator.naturalOrder())
			.orElseThrow();
		Instant windowStart = first.plusSeconds(2);
		Instant windowEnd = windowStart.plusSeconds(TICKS - 1);
		await().atMost(Duration.ofSeconds(TICKS + 15))
			.until(() -> fired.stream()
				.anyMatch((firing) -> firing.scheduledFireTime().isAfter(windowEnd.plusSeconds(1))));

		Map<Instant, Long> perTick = fired.stream()
			.map(ScheduleFired::scheduledFireTime)
			.filter((tick) -> !tick.isBefore(windowStart) && !tick.isAfter(windowEnd))
			.collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
		long doubles = perTick.values().stream().mapToLong((count) -> count - 1).sum();
		long missed = TICKS - perTick.size();
		Map<String, Long> perNode = fired.stream()
			.collect(Collectors.groupingBy(ScheduleFired::instanceId, TreeMap::new, Collectors.counting()));
		long maxLagMs = fired.stream()
			.mapToLong((firing) -> Duration.between(firing.scheduledFireTime(), firing.fireTime()).toMillis())
			.max()
			.orElse(0);
		System.out.printf("schedule cluster: ticks=%d fired=%d doubles=%d missed=%d perNode=%s maxFireLagMs=%d%n",
				TICKS, perTick.values().stream().mapToLong(Long::longValue).sum(), doubles, missed, perNode, maxLagMs);
		assertThat(doubles).as("ticks fired more than once").isZero();
		assertThat(missed).as("ticks not fired").isZero();
		assertThat(perTick.keySet()).allSatisfy((tick) -> assertThat(tick.getNano()).isZero());

		Schedule disabled = schedules(1).disable(SCHEDULE);
		long jobsAtDisable = jobsOfSchedule();

		assertThat(disabled.enabled()).isFalse();
		assertThat(schedules(2).find(SCHEDULE).orElseThrow().runCount()).isEqualTo(jobsAtDisable);
		// a firing publishes its event just after its job commits
		await().atMost(Duration.ofSeconds(2)).until(() -> fired.size() == jobsAtDisable);
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> jobsOfSchedule() == jobsAtDisable && fired.size() == jobsAtDisable);

		Job triggered = schedules(2).trigger(SCHEDULE);

		assertThat(jobsOfSchedule()).isEqualTo(jobsAtDisable + 1);
		assertThat(jdbc.sql("SELECT schedule_name FROM job WHERE id = ?")
			.param(triggered.id())
			.query(String.class)
			.single()).isEqualTo(SCHEDULE);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.until(() -> jobsOfSchedule() == jobsAtDisable + 1);
	}

	private static Schedules schedules(int node) {
		return nodes.get(node).getBean(Schedules.class);
	}

	private static long jobsOfSchedule() {
		return jdbc.sql("SELECT COUNT(*) FROM job WHERE schedule_name = ?").param(SCHEDULE).query(Long.class).single();
	}

	private static ApplicationListener<?> recorder() {
		return (event) -> {
			if (event instanceof PayloadApplicationEvent<?> payload
					&& payload.getPayload() instanceof ScheduleFired firing && firing.scheduleName().equals(SCHEDULE)) {
				fired.add(firing);
			}
		};
	}

}
