package dev.batchyard.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.batchyard.catalog.probe.ProbeJobType;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * BACKGROUND probe jobs that compute without blocking, on virtual threads (the default),
 * twice as many as the JVM has carriers: a CRITICAL job still starts within 200 ms,
 * because CRITICAL queues run on platform threads, which the operating system
 * time-slices.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.datasource.url=jdbc:h2:mem:critical-starts;DB_CLOSE_DELAY=-1",
				"batchyard.scaling.enabled=false", "batchyard.catalog.queues.asset-cleanup.concurrency=16",
				"batchyard.catalog.queues.asset-cleanup.max-workers=16" })
class CriticalStartsWhileCpuIsBusyTests {

	private static final Map<Long, Instant> stepStarts = new ConcurrentHashMap<>();

	@Autowired
	Jobs jobs;

	@Test
	void aCriticalJobStartsWithin200MsWhileBackgroundJobsSpinOnEveryCarrier() {
		int carriers = Runtime.getRuntime().availableProcessors();
		List<EnqueueRequest> spinners = new ArrayList<>();
		for (int i = 0; i < 2 * carriers; i++) {
			spinners.add(EnqueueRequest.of(ProbeJobType.NAME, "{\"spinMs\": 5000}").onQueue("asset-cleanup"));
		}
		List<Long> spinning = this.jobs.enqueueAll(spinners).stream().map((enqueued) -> enqueued.job().id()).toList();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> spinning.stream().filter(stepStarts::containsKey).count() >= carriers);

		Instant enqueuedAt = Instant.now();
		long critical = this.jobs.enqueue(EnqueueRequest.of(ProbeJobType.NAME, "{}").onQueue("password-reset"))
			.job()
			.id();
		await().atMost(Duration.ofSeconds(20)).until(() -> stepStarts.containsKey(critical));
		Duration wait = Duration.between(enqueuedAt, stepStarts.get(critical));
		long stillSpinning = spinning.stream()
			.filter((id) -> this.jobs.find(id).orElseThrow().state() == JobState.ACTIVE)
			.count();
		System.out.printf("critical job started %d ms after its enqueue, %d carriers, %d spinning jobs active%n",
				wait.toMillis(), carriers, stillSpinning);

		assertThat(stillSpinning).as("the carriers were still busy").isGreaterThanOrEqualTo(carriers);
		assertThat(wait).isLessThan(Duration.ofMillis(200));
	}

	@TestConfiguration
	static class StepStarts {

		@Bean
		StepDecorator recordStepStarts() {
			return new StepDecorator() {

				@Override
				public void around(StepExecution step, RunningJob job, Invocation next) throws Exception {
					stepStarts.putIfAbsent(job.jobId(), Instant.now());
					next.proceed();
				}

				@Override
				public int getOrder() {
					return Integer.MIN_VALUE;
				}

			};
		}

	}

}
