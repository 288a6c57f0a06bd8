package dev.batchyard.engine;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.batchyard.catalog.QueueNotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.batchyard.engine.JobAssertions.awaitFinished;
import static dev.batchyard.engine.JobAssertions.awaitState;
import static dev.batchyard.engine.Probes.aProbeSleeping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@EngineTest
class WorkersTests {

	@Autowired
	Jobs jobs;

	@Autowired
	Workers workers;

	@Test
	void everyServedQueueHasAPoolNamedAfterItsQueueAndNode() {
		assertThat(this.workers.workers()).hasSize(30)
			.allSatisfy((worker) -> assertThat(worker.workerId()).matches(worker.queueName() + "@.+#1"));
	}

	@Test
	void jobsRunOnVirtualThreadsNamedAfterTheirPoolByDefault() {
		Job done = awaitFinished(this.jobs, this.jobs.enqueue(EnqueueRequest.of("worker-thread", "{}")).job().id());

		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.result()).contains("\"virtual\":true").containsPattern("\"name\":\"default@[^\"]+#1-\\d+\"");
	}

	@Test
	void growingAPoolStartsMoreJobsAtOnceAndShrinkingItInterruptsNothing() {
		this.workers.resize("deliverability-monitoring", 1);
		List<Long> ids = List.of(sleeper(), sleeper(), sleeper());
		awaitState(this.jobs, ids.get(0), Set.of(JobState.ACTIVE));
		assertThat(busy()).isEqualTo(1);

		this.workers.resize("deliverability-monitoring", 3);
		await().atMost(Duration.ofSeconds(5)).until(() -> busy() == 3);
		this.workers.resize("deliverability-monitoring", 1);

		ids.forEach((id) -> {
			Job done = awaitFinished(this.jobs, id);
			assertThat(done.state()).isEqualTo(JobState.COMPLETED);
			assertThat(done.failures()).isEmpty();
		});
		assertThat(size()).isEqualTo(1);
	}

	@Test
	void resizingOutOfRangeOrAnUnknownQueueIsRefused() {
		assertThatExceptionOfType(InvalidJobRequestException.class).isThrownBy(() -> this.workers.resize("default", 0))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("size"));
		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.workers.resize("default", 51));
		assertThatExceptionOfType(QueueNotFoundException.class)
			.isThrownBy(() -> this.workers.resize("no-such-queue", 2));
	}

	private long sleeper() {
		return this.jobs.enqueue(aProbeSleeping(1500).onQueue("deliverability-monitoring")).job().id();
	}

	private int busy() {
		return worker().busy();
	}

	private int size() {
		return worker().size();
	}

	private Workers.Worker worker() {
		return this.workers.workers()
			.stream()
			.filter((worker) -> worker.queueName().equals("deliverability-monitoring"))
			.findFirst()
			.orElseThrow();
	}

}
