package dev.batchyard.engine.internal;

import java.time.Duration;
import java.time.Instant;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.limits.RateLimits;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job that meets a closed limiter shared through a real Redis, on a real PostgreSQL:
 * delayed, not failed, its attempt not spent.
 */
class RateLimitedJobIntegrationTests {

	private static Node node;

	@BeforeAll
	static void startNode() {
		node = Node.start("limited-node", TestServers.freshPostgresDatabase("limited"),
				"spring.data.redis.url=" + TestServers.redisUrl(),
				"batchyard.catalog.rate-limits.onePerMinute.per-minute=1",
				"batchyard.catalog.queues.royalty-calculation.limiters=onePerMinute");
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void aJobMeetingAClosedSharedLimiterIsDelayedWithItsAttemptUnspent() {
		assertThat(node.bean(RateLimits.class).status("onePerMinute").distributed()).isTrue();
		Jobs jobs = node.bean(Jobs.class);

		// two steps: the first takes the minute's only permit, the second meets the
		// closed limiter
		long id = jobs.enqueue(EnqueueRequest.of("probe", "{\"steps\": 2}").onQueue("royalty-calculation")).job().id();

		await().atMost(Duration.ofSeconds(20)).until(() -> jobs.find(id).orElseThrow().state() == JobState.DELAYED);
		Job delayed = jobs.find(id).orElseThrow();
		assertThat(delayed.attempts()).isZero();
		assertThat(delayed.failures()).isEmpty();
		assertThat(delayed.runAt()).isAfter(Instant.now());
	}

}
