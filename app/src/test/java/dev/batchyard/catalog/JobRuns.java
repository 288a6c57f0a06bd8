package dev.batchyard.catalog;

import java.time.Duration;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;

import static org.awaitility.Awaitility.await;

/**
 * Enqueues a job of a built-in type and waits until it has finished, for the job types'
 * functional tests.
 */
public final class JobRuns {

	private final Jobs jobs;

	public JobRuns(Jobs jobs) {
		this.jobs = jobs;
	}

	/** Runs a job with up to three attempts 10 ms apart. */
	public Job run(String type, String payload) {
		return run(EnqueueRequest.of(type, payload).withRetries(3, Backoff.fixed(Duration.ofMillis(10))));
	}

	public Job run(EnqueueRequest request) {
		return awaitFinished(this.jobs.enqueue(request).job().id());
	}

	public Job awaitFinished(long id) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jobs.find(id).orElseThrow().state(),
					(state) -> state == JobState.COMPLETED || state == JobState.FAILED);
		return this.jobs.find(id).orElseThrow();
	}

}
