package dev.batchyard.engine;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static dev.batchyard.engine.JobAssertions.awaitFinished;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code batchyard.engine.worker-threads=platform}: jobs run on the pool's platform
 * threads, named as the virtual ones are.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "spring.datasource.url=jdbc:h2:mem:platform-workers;DB_CLOSE_DELAY=-1",
				"batchyard.engine.worker-threads=platform",
				// the test job types' own limiter
				"batchyard.catalog.rate-limits.items3.per-minute=3" })
@Import(TestJobTypes.class)
class PlatformWorkerThreadsTests {

	@Autowired
	Jobs jobs;

	@Test
	void jobsRunOnPlatformThreadsNamedAfterTheirPool() {
		Job done = awaitFinished(this.jobs, this.jobs.enqueue(EnqueueRequest.of("worker-thread", "{}")).job().id());

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.result()).contains("\"virtual\":false").containsPattern("\"name\":\"default@[^\"]+#1-\\d+\"");
	}

}
