package dev.batchyard.memory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Memory on a node with real PostgreSQL whose limits are small (soft 64 MB, hard 400 MB
 * over the heap in use at start, warning at 75 %, sampled every 200 ms) and whose workers
 * run on platform threads, the threads the JVM keeps an allocation counter for.
 */
class MemoryFunctionalTests {

	private static Node node;

	private static Jobs jobs;

	private static Memory memory;

	private static final List<MemoryThresholdCrossed> crossings = new CopyOnWriteArrayList<>();

	/**
	 * The hard limit: 400 MB over the heap this JVM holds before the node starts, so that
	 * the heap is under the warning (75 %) when the node starts, whatever other tests of
	 * the suite left in it, and over it while a probe holds 300 MB.
	 */
	private static int hardLimitMb;

	@BeforeAll
	static void startNode() {
		System.gc();
		hardLimitMb = (int) (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024)) + 400;
		node = Node.start("memory-node", TestServers.freshPostgresDatabase("memory"),
				"batchyard.engine.poll-interval=200ms", "batchyard.engine.worker-threads=platform",
				"batchyard.memory.sample-interval=200ms", "batchyard.memory.soft-limit-mb=64",
				"batchyard.memory.hard-limit-mb=" + hardLimitMb, "batchyard.memory.warning-threshold-percent=75");
		jobs = node.bean(Jobs.class);
		memory = node.bean(Memory.class);
		node.context()
			.addApplicationListener(
					(ApplicationListener<PayloadApplicationEvent<MemoryThresholdCrossed>>) (event) -> crossings
						.add(event.getPayload()));
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void aProbeHoldingThreeHundredMegabytesRaisesMemoryWarningAndPutsItsAllocationOnTheJob() {
		long id = jobs.enqueue(EnqueueRequest.of("probe", "{\"allocateMb\": 300, \"sleepMs\": 1500}")).job().id();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(crossings).extracting(MemoryThresholdCrossed::level)
				.contains(MemoryThresholdCrossed.Level.WARNING));
		Job done = await().atMost(Duration.ofSeconds(30))
			.until(() -> jobs.find(id).orElseThrow(), (job) -> !job.state().unfinished());

		MemoryThresholdCrossed warning = crossings.stream()
			.filter((crossing) -> crossing.level() == MemoryThresholdCrossed.Level.WARNING)
			.findFirst()
			.orElseThrow();
		assertThat(warning.memory().stats().heapUsed()).isGreaterThanOrEqualTo(hardLimitMb * 0.75);
		assertThat(warning.memory().status().exceedsWarning()).isTrue();
		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.allocatedMb()).isGreaterThanOrEqualTo(300.0);
		assertThat(memory.allocations()).anySatisfy((stats) -> {
			assertThat(stats.queueName()).isEqualTo(done.queueName());
			assertThat(stats.max()).isGreaterThanOrEqualTo(300.0);
		});
	}

	@Test
	void currentMemoryComparesTheHeapWithTheLimits() {
		CurrentMemory current = memory.sample();

		assertThat(current.limits()).isEqualTo(new CurrentMemory.Limits(64, hardLimitMb, 75));
		assertThat(current.stats().heapUsed()).isPositive();
		assertThat(current.stats().percentage()).isCloseTo(100 * current.stats().heapUsed() / hardLimitMb,
				org.assertj.core.data.Offset.offset(0.1));
		assertThat(current.stats().rss()).isGreaterThan(current.stats().heapUsed() / 2);
		assertThat(current.status()).isEqualTo(current.limits().status(current.stats().heapUsed()));
	}

	@Test
	void memoryConfigShowsTheLimitsAndTheCatalogsBudgets() {
		MemorySettings settings = memory.settings();

		assertThat(settings.worker()).isEqualTo(new MemorySettings.Worker(64, hardLimitMb, 75));
		assertThat(settings.jobSpecific()).contains(new MemorySettings.QueueMemoryLimit("asset-processing", 2048));
		assertThat(settings.recycling()).isEqualTo(new MemorySettings.Recycling(1000, 4));
	}

}
