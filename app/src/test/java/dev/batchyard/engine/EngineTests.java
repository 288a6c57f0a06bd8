package dev.batchyard.engine;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.batchyard.engine.Probes.aProbe;
import static dev.batchyard.engine.Probes.aProbeFailing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EngineTest
class EngineTests {

	@Autowired
	Jobs jobs;

	@Autowired
	TestJobTypes.StepCalls stepCalls;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Test
	void anEnqueuedProbeCompletesWithItsResultAndDuration() {
		Job enqueued = this.jobs.enqueue(aProbe()).job();

		Job done = awaitFinished(enqueued.id());

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.progress()).isEqualTo(100);
		assertThat(done.result()).contains("\"stepsRun\":[\"step-1\"]");
		assertThat(done.durationMs()).isNotNull();
		assertThat(done.workerId()).startsWith("default@");
	}

	@Test
	void aJobFailingEveryAttemptEndsFailedWithEveryAttemptsErrorKept() {
		Job enqueued = this.jobs
			.enqueue(aProbeFailing(5).withRetries(3, dev.batchyard.catalog.Backoff.fixed(Duration.ofMillis(50))))
			.job();

		Job done = awaitFinished(enqueued.id());

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.attempts()).isEqualTo(3);
		assertThat(done.failures()).extracting(JobFailure::attempt).containsExactly(1, 2, 3);
		assertThat(done.failures().get(0).errorMessage()).contains("probe fails attempt 1");
		assertThat(done.failures().get(0).errorStack()).contains("ProbeFailureException");
	}

	@Test
	void aThreeStepProbeFailingInStepTwoResumesAtStepTwo() {
		Job enqueued = this.jobs
			.enqueue(aProbe("{\"steps\": 3, \"failAttempts\": 1, \"failStep\": 2}").withRetries(3,
					dev.batchyard.catalog.Backoff.fixed(Duration.ofMillis(50))))
			.job();

		Job done = awaitFinished(enqueued.id());

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(done.failures()).singleElement()
			.satisfies((failure) -> assertThat(failure.errorMessage()).contains("in step-2"));
		assertThat(done.result()).contains("\"stepsRun\":[\"step-2\",\"step-3\"]");
	}

	@Test
	void everyStepRunsThroughTheDecoratorChainInOrder() {
		Job enqueued = this.jobs.enqueue(aProbe("{\"steps\": 2}")).job();

		assertThat(awaitFinished(enqueued.id()).state()).isEqualTo(JobState.COMPLETED);

		assertThat(this.stepCalls.of(enqueued.id())).containsExactly("outer>step-1", "inner>step-1", "inner<step-1",
				"outer<step-1", "outer>step-2", "inner>step-2", "inner<step-2", "outer<step-2");
		assertThat(this.meters.get("batchyard.step.duration")
			.tag("queue", "default")
			.tag("step", "step-2")
			.timer()
			.count()).isPositive();
	}

	/**
	 * Batch keeps running step contexts in a JVM-wide map keyed by step execution: light
	 * attempts running side by side must each get their own, never a neighbour's (with
	 * Batch's resourceless repository every execution was number 1, so they collided).
	 */
	@Test
	void lightJobsRunningSideBySideEachSeeTheirOwnStepContext() {
		List<Long> ids = this.jobs
			.enqueueAll(java.util.stream.IntStream.range(0, 300)
				.mapToObj((i) -> EnqueueRequest.of("own-context", "{}"))
				.toList())
			.stream()
			.map((enqueued) -> enqueued.job().id())
			.toList();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> ids.stream()
				.allMatch((id) -> this.jobs.find(id).orElseThrow().state() == JobState.COMPLETED
						|| this.jobs.find(id).orElseThrow().state() == JobState.FAILED));
		List<Job> done = ids.stream().map((id) -> this.jobs.find(id).orElseThrow()).toList();

		assertThat(done).allSatisfy((job) -> {
			assertThat(job.state()).isEqualTo(JobState.COMPLETED);
			assertThat(job.attempts()).isOne();
			assertThat(job.result()).isEqualTo("{\"ownContext\":true}");
		});
	}

	private Job awaitFinished(long id) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jobs.find(id).orElseThrow().state(),
					(state) -> List.of(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED).contains(state));
		return this.jobs.find(id).orElseThrow();
	}

}
