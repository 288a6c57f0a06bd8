package dev.batchyard.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.catalog.QueueNotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.batchyard.engine.JobAssertions.awaitFinished;
import static dev.batchyard.engine.Probes.aProbe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EngineTest
class EnqueueTests {

	@Autowired
	Jobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Test
	void defaultsComeFromTheTypeAndItsQueue() {
		Job job = this.jobs.enqueue(aProbe().withDelay(Duration.ofHours(1))).job();

		assertThat(job.queueName()).isEqualTo("default");
		assertThat(job.priority()).isEqualTo(5);
		assertThat(job.maxAttempts()).isEqualTo(3);
		assertThat(job.state()).isEqualTo(JobState.DELAYED);
	}

	@Test
	void aJobOnACriticalQueueGetsTheCriticalPriority() {
		Job job = this.jobs.enqueue(aProbe().onQueue("password-reset").withDelay(Duration.ofHours(1))).job();

		assertThat(job.priority()).isEqualTo(1);
		assertThat(job.maxAttempts()).isEqualTo(5);
	}

	@Test
	void aSecondEnqueueWithTheSameDedupeKeyReturnsTheFirstJobAndSaysSo() {
		EnqueueRequest request = aProbe().withDelay(Duration.ofHours(1)).withDedupeKey("invoice-42");

		Enqueued first = this.jobs.enqueue(request);
		Enqueued second = this.jobs.enqueue(request);

		assertThat(first.duplicate()).isFalse();
		assertThat(second.duplicate()).isTrue();
		assertThat(second.job().id()).isEqualTo(first.job().id());
	}

	@Test
	void onceTheFirstIsFinishedTheSameDedupeKeyEnqueuesAgain() {
		Job first = this.jobs.enqueue(aProbe().withDedupeKey("report-7")).job();
		awaitFinished(this.jobs, first.id());

		Enqueued again = this.jobs.enqueue(aProbe().withDedupeKey("report-7"));

		assertThat(again.duplicate()).isFalse();
		assertThat(again.job().id()).isNotEqualTo(first.id());
	}

	@Test
	void aBulkEnqueueWithOneBadRequestEnqueuesNothing() {
		long before = countJobs();
		List<EnqueueRequest> requests = List.of(aProbe().withDelay(Duration.ofHours(1)),
				aProbe().withDelay(Duration.ofHours(1)).withPriority(11));

		assertThatExceptionOfType(InvalidJobRequestException.class).isThrownBy(() -> this.jobs.enqueueAll(requests))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("priority"));
		assertThat(countJobs()).isEqualTo(before);
	}

	@Test
	void aBulkEnqueueReturnsOneJobPerRequestInOrder() {
		List<Enqueued> enqueued = this.jobs.enqueueAll(List.of(aProbe().withPriority(2), aProbe().withPriority(7)));

		assertThat(enqueued).extracting((result) -> result.job().priority()).containsExactly(2, 7);
		enqueued.forEach((result) -> assertThat(awaitFinished(this.jobs, result.job().id()).state())
			.isEqualTo(JobState.COMPLETED));
	}

	@Test
	void aPayloadThatDoesNotFitTheTypeIsRefusedNamingThePayload() {
		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.jobs.enqueue(aProbe("{\"steps\": \"many\"}")))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("payload.steps"))
			.withMessageContaining("probe");
		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.jobs.enqueue(aProbe("{\"steps\": 0 , \"failStep\": 3}")))
			.withMessageContaining("payload");
		assertThatExceptionOfType(InvalidJobRequestException.class).isThrownBy(() -> this.jobs.enqueue(aProbe("[1")))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("payload"));
	}

	@Test
	void badArgumentsAreRefusedNamingTheArgument() {
		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.jobs.enqueue(EnqueueRequest.of("no-such-type", "{}")))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("type"))
			.withMessageContaining("probe");
		assertThatExceptionOfType(QueueNotFoundException.class)
			.isThrownBy(() -> this.jobs.enqueue(aProbe().onQueue("no-such-queue")));
		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.jobs.enqueue(aProbe().withRetries(0, null)))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("maxAttempts"));
		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.jobs.enqueue(aProbe().withTimeout(Duration.ofMillis(10))))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("timeoutMs"));
		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.jobs.enqueue(aProbe().withDelay(Duration.ofSeconds(1)).withRunAt(Instant.now())))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("delayMs"));
		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.jobs.enqueue(aProbe().withRetries(3, Backoff.fixed(Duration.ofSeconds(-1)))))
			.satisfies((ex) -> assertThat(ex.argument()).isEqualTo("backoff"));
	}

	@Test
	void aPayloadOverTheSizeLimitIsRefused() {
		String big = "{\"sleepMs\": 0, \"pad\": \"" + "x".repeat(300 * 1024) + "\"}";

		assertThatExceptionOfType(InvalidJobRequestException.class).isThrownBy(() -> this.jobs.enqueue(aProbe(big)))
			.withMessageContaining("limit is 262144 bytes");
	}

	private long countJobs() {
		return this.jdbc.sql("SELECT count(*) FROM job").query(Long.class).single();
	}

}
