package dev.batchyard.engine;

import java.time.Duration;
import java.util.List;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.catalog.QueueNotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.batchyard.engine.JobAssertions.awaitFinished;
import static dev.batchyard.engine.Probes.aProbe;
import static dev.batchyard.engine.Probes.aProbeFailing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@EngineTest
class QueueControlsTests {

	@Autowired
	Jobs jobs;

	@Autowired
	QueueControls controls;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPausedQueueStartsNothingUntilItIsResumed() {
		this.controls.pause("asset-cleanup", "ops");
		Job job = this.jobs.enqueue(aProbe().onQueue("asset-cleanup")).job();

		await().during(Duration.ofMillis(600))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.jobs.find(job.id()).orElseThrow().state() == JobState.WAITING);
		assertThat(this.controls.resume("asset-cleanup", "ops").paused()).isFalse();

		assertThat(awaitFinished(this.jobs, job.id()).state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void pausingTwiceSaysTheQueueIsAlreadyPausedAndResumingTwiceThatItIsNot() {
		this.controls.pause("upload-cleanup", "ops");

		assertThatExceptionOfType(QueueAlreadyPausedException.class)
			.isThrownBy(() -> this.controls.pause("upload-cleanup", "ops"))
			.withMessageContaining("upload-cleanup");
		this.controls.resume("upload-cleanup", "ops");
		assertThatExceptionOfType(QueueNotPausedException.class)
			.isThrownBy(() -> this.controls.resume("upload-cleanup", "ops"));
		assertThatExceptionOfType(QueueNotFoundException.class)
			.isThrownBy(() -> this.controls.pause("no-such-queue", "ops"));
	}

	@Test
	void cleanRemovesFinishedJobsPastTheGraceUpToTheLimit() {
		List<Job> done = this.jobs
			.enqueueAll(List.of(aProbe().onQueue("token-cleanup"), aProbe().onQueue("token-cleanup"),
					aProbe().onQueue("token-cleanup")))
			.stream()
			.map((enqueued) -> awaitFinished(this.jobs, enqueued.job().id()))
			.toList();

		assertThat(this.controls.clean("token-cleanup", JobState.COMPLETED, Duration.ofHours(1), 1000).removed())
			.isZero();
		assertThat(this.controls.clean("token-cleanup", JobState.COMPLETED, Duration.ZERO, 2).removed()).isEqualTo(2);
		assertThat(this.controls.clean("token-cleanup", JobState.COMPLETED, Duration.ZERO, 1000).removed())
			.isEqualTo(1);
		done.forEach((job) -> assertThat(this.jobs.find(job.id())).isEmpty());
		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.controls.clean("token-cleanup", JobState.ACTIVE, Duration.ZERO, 10))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("status"));
	}

	@Test
	void retryFailedPutsFailedJobsBackAndTheyRunAgain() {
		Job failing = this.jobs
			.enqueue(aProbeFailing(1).onQueue("search-reindex").withRetries(1, Backoff.fixed(Duration.ZERO)))
			.job();
		assertThat(awaitFinished(this.jobs, failing.id()).state()).isEqualTo(JobState.FAILED);

		QueueControls.RetryFailedResult result = this.controls.retryFailed("search-reindex", 100);

		assertThat(result.total()).isEqualTo(1);
		assertThat(result.retried()).isEqualTo(1);
		assertThat(result.errors()).isEmpty();
		Job done = awaitFinished(this.jobs, failing.id());
		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.failures()).hasSize(1);
	}

	@Test
	void retryingOneJobNeedsItToBeFailedOrCancelled() {
		Job completed = awaitFinished(this.jobs, this.jobs.enqueue(aProbe().onQueue("event-deduplication")).job().id());
		Job cancelled = this.controls.cancel(
				this.jobs.enqueue(aProbe().onQueue("event-deduplication").withDelay(Duration.ofHours(1))).job().id());

		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.controls.retry(completed.id()))
			.withMessageContaining("only failed or cancelled jobs");
		assertThat(this.controls.retry(cancelled.id()).state()).isIn(JobState.WAITING, JobState.ACTIVE,
				JobState.COMPLETED);
		assertThat(awaitFinished(this.jobs, cancelled.id()).state()).isEqualTo(JobState.COMPLETED);
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.controls.retry(987_654_321L));
	}

	@Test
	void cancellingAFinishedJobIsRefusedAndChangesNothing() {
		Job done = awaitFinished(this.jobs, this.jobs.enqueue(aProbe().onQueue("session-cleanup")).job().id());

		assertThatExceptionOfType(InvalidJobRequestException.class).isThrownBy(() -> this.controls.cancel(done.id()));
		assertThat(this.jobs.find(done.id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void deleteRemovesTheJobWithItsFailuresAndResult() {
		Job failed = awaitFinished(this.jobs,
				this.jobs
					.enqueue(aProbeFailing(1).onQueue("session-cleanup").withRetries(1, Backoff.fixed(Duration.ZERO)))
					.job()
					.id());

		this.controls.delete(failed.id());

		assertThat(this.jobs.find(failed.id())).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM job_failure WHERE job_id = ?")
			.param(failed.id())
			.query(Long.class)
			.single()).isZero();
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.controls.delete(failed.id()));
	}

}
