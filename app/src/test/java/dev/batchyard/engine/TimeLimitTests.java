package dev.batchyard.engine;

import java.time.Duration;
import java.util.List;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.engine.TestJobTypes.SoftTimeouts;
import dev.batchyard.limits.ExecutionStats;
import dev.batchyard.limits.SoftTimeoutReached;
import dev.batchyard.limits.Timeouts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.batchyard.engine.JobAssertions.awaitFinished;
import static dev.batchyard.engine.Probes.aProbe;
import static dev.batchyard.engine.Probes.aProbeSleeping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.awaitility.Awaitility.await;

@EngineTest
class TimeLimitTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	/** How late after its deadline a timed-out attempt may be recorded. */
	private static final Duration ACCURACY = Duration.ofMillis(250);

	@Autowired
	Jobs jobs;

	@Autowired
	Timeouts timeouts;

	@Autowired
	SoftTimeouts softTimeouts;

	@Test
	void aStepSleepingPastItsTimeoutIsWarnedAt80PercentThenInterruptedAndRecordedAsTimedOutAndRetriedAfterTwiceTheBackoff() {
		Job job = this.jobs
			.enqueue(aProbeSleeping(10_000).onQueue("license-management")
				.withTimeout(TIMEOUT)
				.withRetries(2, Backoff.fixed(Duration.ofMillis(400))))
			.job();

		Job done = awaitFinished(this.jobs, job.id());

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.failures()).hasSize(2).allSatisfy((failure) -> assertThat(failure.timedOut()).isTrue());
		Duration late = Duration.between(done.startedAt().plus(TIMEOUT), done.failures().get(1).failedAt());
		System.out.println("Timed out attempt recorded " + late.toMillis() + " ms after its deadline");
		assertThat(late).isBetween(Duration.ZERO, ACCURACY);
		// a retry after a timeout waits twice the ordinary 400 ms, then runs its 1 s
		assertThat(Duration.between(done.failures().get(0).failedAt(), done.failures().get(1).failedAt()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(800).plus(TIMEOUT));
		SoftTimeoutReached soft = this.softTimeouts.of(job.id());
		assertThat(soft).isNotNull();
		assertThat(soft.timeout()).isEqualTo(TIMEOUT);
		assertThat(soft.elapsed()).isBetween(Duration.ofMillis(800), Duration.ofMillis(800).plus(ACCURACY));
		assertThat(done.logs()).filteredOn((line) -> line.startsWith("Soft timeout")).hasSize(2);
	}

	@Test
	void aStepIgnoringTheInterruptIsRecordedAsTimedOutAtOnceButKeepsItsWorkerUntilItReturns() {
		// scheduled-blog-publishing has one worker
		Job stubborn = this.jobs
			.enqueue(EnqueueRequest.of("stubborn", "{\"busyMs\": 2500}")
				.onQueue("scheduled-blog-publishing")
				.withTimeout(TIMEOUT)
				.withRetries(1, null))
			.job();
		Job next = this.jobs.enqueue(aProbe().onQueue("scheduled-blog-publishing")).job();

		Job timedOut = awaitFinished(this.jobs, stubborn.id());

		assertThat(timedOut.state()).isEqualTo(JobState.FAILED);
		assertThat(timedOut.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.timedOut()).isTrue();
			assertThat(Duration.between(timedOut.startedAt().plus(TIMEOUT), failure.failedAt()))
				.isBetween(Duration.ZERO, ACCURACY);
		});
		assertThat(this.jobs.find(next.id()).orElseThrow().state()).isEqualTo(JobState.WAITING);
		Job after = awaitFinished(this.jobs, next.id());
		assertThat(after.state()).isEqualTo(JobState.COMPLETED);
		assertThat(after.startedAt()).isAfterOrEqualTo(timedOut.startedAt().plusMillis(2500));
	}

	@Test
	void completedAttemptsFeedTheQueuesExecutionStatistics() {
		List<Job> done = List.of(100, 200, 300)
			.stream()
			.map((sleep) -> this.jobs.enqueue(aProbeSleeping(sleep).onQueue("payout-processing")).job())
			.map((job) -> awaitFinished(this.jobs, job.id()))
			.toList();

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.timeouts.stats("payout-processing").sampleCount()).isEqualTo(3));
		ExecutionStats stats = this.timeouts.stats("payout-processing");
		List<Long> durations = done.stream().map(Job::durationMs).sorted().toList();
		// HdrHistogram of two significant digits: within 1 %
		assertThat(stats.min()).isCloseTo(durations.get(0), withPercentage(1));
		assertThat(stats.max()).isCloseTo(durations.get(2), withPercentage(1));
		assertThat(stats.recentExecutions()).hasSize(3);
		assertThat(stats.recentExecutions()).containsExactlyInAnyOrderElementsOf(durations);
	}

}
