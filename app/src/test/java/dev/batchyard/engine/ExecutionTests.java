package dev.batchyard.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import dev.batchyard.catalog.Backoff;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.batchyard.engine.JobAssertions.awaitFinished;
import static dev.batchyard.engine.JobAssertions.awaitState;
import static dev.batchyard.engine.Probes.aProbe;
import static dev.batchyard.engine.Probes.aProbeFailing;
import static dev.batchyard.engine.Probes.aProbeSleeping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EngineTest
class ExecutionTests {

	@Autowired
	Jobs jobs;

	@Autowired
	QueueControls controls;

	@Autowired
	TestJobTypes.WrittenItems writtenItems;

	@Autowired
	TestJobTypes.Gates gates;

	@Test
	void withinAQueueJobsStartInPriorityOrderThenInTheOrderTheyCame() {
		this.controls.pause("low-priority", "test");
		List<Job> enqueued = new ArrayList<>();
		for (int priority : new int[] { 5, 1, 9, 3, 1, 5 }) {
			enqueued.add(this.jobs.enqueue(aProbe().onQueue("low-priority").withPriority(priority)).job());
		}
		this.controls.resume("low-priority", "test");

		List<Job> done = enqueued.stream().map((job) -> awaitFinished(this.jobs, job.id())).toList();

		List<Long> startOrder = done.stream().sorted(Comparator.comparing(Job::startedAt)).map(Job::id).toList();
		List<Long> expected = enqueued.stream()
			.sorted(Comparator.comparingInt(Job::priority).thenComparingLong(Job::id))
			.map(Job::id)
			.toList();
		assertThat(startOrder).isEqualTo(expected);
	}

	@Test
	void aDelayedJobStartsAtItsRunAtAndNotBefore() {
		Job job = this.jobs.enqueue(aProbe().onQueue("metrics-rollup").withDelay(Duration.ofMillis(700))).job();
		assertThat(job.state()).isEqualTo(JobState.DELAYED);

		Job done = awaitFinished(this.jobs, job.id());

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.startedAt()).isAfterOrEqualTo(job.runAt());
		assertThat(Duration.between(job.runAt(), done.startedAt())).isLessThan(Duration.ofMillis(500));
	}

	@Test
	void retriesWaitTheExponentialBackoffThenTheJobCompletes() {
		Job job = this.jobs.enqueue(aProbeFailing(3).onQueue("cache-maintenance")
			// without jitter, which would vary each delay by a tenth (BackoffJitterTests)
			.withRetries(4, Backoff.exponential(Duration.ofMillis(200), Duration.ofMillis(600)).withJitter(0))).job();

		Job done = awaitFinished(this.jobs, job.id());

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.attempts()).isEqualTo(4);
		List<Instant> failedAt = done.failures().stream().map(JobFailure::failedAt).toList();
		assertThat(failedAt).hasSize(3);
		// 200 ms, then 400 ms, then capped at 600 ms, each followed by a claim and a run
		assertThat(Duration.between(failedAt.get(0), failedAt.get(1))).isBetween(Duration.ofMillis(200),
				Duration.ofMillis(900));
		assertThat(Duration.between(failedAt.get(1), failedAt.get(2))).isBetween(Duration.ofMillis(400),
				Duration.ofMillis(1100));
		assertThat(Duration.between(failedAt.get(2), done.finishedAt())).isBetween(Duration.ofMillis(600),
				Duration.ofMillis(1300));
	}

	@Test
	void aJobMeetingAClosedRateLimiterIsDelayedNotFailedAndKeepsItsAttempt() {
		// one permit a minute: step 1 takes it, step 2 meets the closed limiter
		Job limited = this.jobs.enqueue(aProbe("{\"steps\": 2}").onQueue("royalty-calculation")).job();

		Job delayed = awaitState(this.jobs, limited.id(), Set.of(JobState.DELAYED));

		assertThat(delayed.attempts()).isZero();
		assertThat(delayed.failures()).isEmpty();
		assertThat(delayed.runAt()).isAfter(Instant.now());
		Job waiting = this.jobs.enqueue(aProbe().onQueue("royalty-calculation")).job();
		org.awaitility.Awaitility.await()
			.during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.jobs.find(waiting.id()).orElseThrow().attempts() == 0);
		assertThat(this.jobs.find(waiting.id()).orElseThrow().state()).isEqualTo(JobState.WAITING);
	}

	@Test
	void aTypeTakingPermitsPerItemStopsAtTheFirstItemItsLimiterRefusesAndIsDelayed() {
		Job job = this.jobs.enqueue(EnqueueRequest.of("per-item", "{}")).job();

		Job delayed = awaitState(this.jobs, job.id(), Set.of(JobState.DELAYED));

		assertThat(this.writtenItems.of(job.id())).containsExactly("A", "B", "C");
		assertThat(delayed.attempts()).isZero();
		assertThat(delayed.failures()).isEmpty();
	}

	@Test
	void anErrorTheJobTypeSaysCannotBeRetriedFailsAtOnce() {
		Job job = this.jobs.enqueue(EnqueueRequest.of("rejected-request", "{}")).job();

		Job done = awaitFinished(this.jobs, job.id());

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.failures()).singleElement()
			.satisfies((failure) -> assertThat(failure.errorMessage()).contains("HTTP 404"));
	}

	@Test
	void progressLogLinesAndTheResultAreKeptWithTheJob() {
		Job done = awaitFinished(this.jobs, this.jobs.enqueue(EnqueueRequest.of("chatty", "{}")).job().id());

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.progress()).isEqualTo(100);
		assertThat(done.logs()).containsExactly("row batch 1 written", "row batch 2 written", "row batch 3 written",
				"row batch 4 written", "row batch 5 written");
		assertThat(done.result()).isEqualTo("{\"rows\":500}");
	}

	@Test
	void progressAJobReportsIsWhatItsReadersSeeWhileItRuns() {
		Job job = this.jobs.enqueue(EnqueueRequest.of("halfway", "{\"percents\": [40]}")).job();

		Job running = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jobs.find(job.id()).orElseThrow(), (seen) -> seen.progress() == 40);

		assertThat(running.state()).isEqualTo(JobState.ACTIVE);
		this.gates.release(job.id());
		assertThat(awaitFinished(this.jobs, job.id()).progress()).isEqualTo(100);
	}

	@Test
	void aJobReportingProgressInATightLoopHasItsFirstReportStoredAndTheRestHeldBack() {
		// reported within far less than 250 ms of each other: only the first is stored
		// (ProgressThrottleTests moves the time past the interval)
		Job job = this.jobs.enqueue(EnqueueRequest.of("halfway", "{\"percents\": [10, 20, 30, 40, 50]}")).job();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jobs.find(job.id()).orElseThrow(), (seen) -> seen.progress() > 0);

		assertThat(this.jobs.find(job.id()).orElseThrow().progress()).isEqualTo(10);
		this.gates.release(job.id());
		awaitFinished(this.jobs, job.id());
	}

	@Test
	void theLast200LogLinesAreKeptAndTheOldestGoFirst() {
		Job done = awaitFinished(this.jobs,
				this.jobs.enqueue(EnqueueRequest.of("verbose", "{\"lines\": 250}")).job().id());

		assertThat(done.logs()).hasSize(200);
		assertThat(done.logs().get(0)).isEqualTo("line 51");
		assertThat(done.logs().get(199)).isEqualTo("line 250");
	}

	@Test
	void cancellingAnActiveJobInterruptsItAndFreesItsWorker() {
		Job sleeper = this.jobs.enqueue(aProbeSleeping(60_000).onQueue("low-priority")).job();
		awaitState(this.jobs, sleeper.id(), Set.of(JobState.ACTIVE));

		Job cancelled = this.controls.cancel(sleeper.id());
		Job next = this.jobs.enqueue(aProbe().onQueue("low-priority")).job();

		assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
		assertThat(awaitFinished(this.jobs, next.id()).state()).isEqualTo(JobState.COMPLETED);
		assertThat(this.jobs.find(sleeper.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
		assertThat(this.jobs.find(sleeper.id()).orElseThrow().failures()).isEmpty();
	}

}
