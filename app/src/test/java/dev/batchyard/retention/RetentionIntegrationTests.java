package dev.batchyard.retention;

import java.time.Duration;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention on PostgreSQL removes Spring Batch's records of a multi-step job once the job
 * itself is gone, and leaves those of a job still kept.
 */
class RetentionIntegrationTests {

	@Test
	void springBatchRecordsOfADeletedMultiStepJobAreRemoved() {
		try (Node node = Node.start("retention-a", TestServers.freshPostgresDatabase("retention"))) {
			Jobs jobs = node.bean(Jobs.class);
			JdbcClient jdbc = node.bean(JdbcClient.class);
			long deleted = completedThreeStepProbe(jobs);
			long kept = completedThreeStepProbe(jobs);
			node.bean(QueueControls.class).delete(deleted);
			assertThat(BatchRecords.of(jdbc, deleted)).isEqualTo(new BatchRecords(1, 1, 3));

			RetentionRun run = node.bean(Retention.class).purge();

			assertThat(run.batchInstancesDeleted()).isOne();
			assertThat(BatchRecords.of(jdbc, deleted)).isEqualTo(BatchRecords.NONE);
			assertThat(BatchRecords.of(jdbc, kept)).isEqualTo(new BatchRecords(1, 1, 3));
			assertThat(jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE").query(Long.class).single()).isOne();
		}
	}

	private static long completedThreeStepProbe(Jobs jobs) {
		long id = jobs.enqueue(EnqueueRequest.of("probe", "{\"steps\": 3}")).job().id();
		await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(id).orElseThrow().state() == JobState.COMPLETED);
		return id;
	}

}
