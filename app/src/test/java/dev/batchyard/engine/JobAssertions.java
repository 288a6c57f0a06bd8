package dev.batchyard.engine;

import java.time.Duration;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * Waits on jobs the way a user watches them.
 */
final class JobAssertions {

	private static final Set<JobState> FINISHED = Set.of(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED);

	private JobAssertions() {
	}

	static Job awaitFinished(Jobs jobs, long id) {
		return awaitState(jobs, id, FINISHED);
	}

	static Job awaitState(Jobs jobs, long id, Set<JobState> states) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jobs.find(id).orElseThrow().state(), states::contains);
		return jobs.find(id).orElseThrow();
	}

}
