package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.engine.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.CannotAcquireLockException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The writer of completed attempts: a write that meets a transient failure (a deadlock
 * with another transaction) is retried rather than left to the lease, a completion not
 * yet written is among the jobs whose lease the node keeps renewing, and completions that
 * gather while a write is under way go to the database together.
 */
class CompletionWriterTests {

	private final JobStore store = mock(JobStore.class);

	private final JobEvents events = mock(JobEvents.class);

	private CompletionWriter writer;

	@AfterEach
	void close() throws InterruptedException {
		this.writer.close();
	}

	@Test
	void aWriteThatMeetsADeadlockIsRetried() throws InterruptedException {
		given(this.store.completesInOneStatement()).willReturn(true);
		given(this.store.completeAll(anyList(), eq("node-a"), any()))
			.willThrow(new CannotAcquireLockException("deadlock detected"))
			.willAnswer((invocation) -> invocation.getArgument(0));
		this.writer = new CompletionWriter(this.store, null, Clock.systemUTC(), "node-a", this.events,
				Duration.ofSeconds(60));

		this.writer.completed(job(7), "{}", 3);

		assertThat(this.writer.flush(5000)).isTrue();
		verify(this.store, times(2)).completeAll(anyList(), eq("node-a"), any());
		verify(this.events).changed(eq(7L), eq("default"), eq("probe"), eq(JobState.COMPLETED), any(), any());
		assertThat(this.writer.pendingJobIds()).isEmpty();
	}

	@Test
	void aCompletionNotYetWrittenKeepsItsLease() throws InterruptedException {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		given(this.store.completesInOneStatement()).willReturn(true);
		given(this.store.completeAll(anyList(), eq("node-a"), any())).willAnswer((invocation) -> {
			writing.countDown();
			release.await(10, TimeUnit.SECONDS);
			return invocation.getArgument(0);
		});
		this.writer = new CompletionWriter(this.store, null, Clock.systemUTC(), "node-a", this.events,
				Duration.ofSeconds(60));

		this.writer.completed(job(8), "{}", 3);

		assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.writer.pendingJobIds()).containsExactly(8L);
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.writer.pendingJobIds().isEmpty());
	}

	@Test
	void completionsHandedOverDuringAWriteGoTogetherInTheNextOneInIdOrder() throws InterruptedException {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<List<Long>> writes = new CopyOnWriteArrayList<>();
		given(this.store.completesInOneStatement()).willReturn(true);
		given(this.store.completeAll(anyList(), eq("node-a"), any())).willAnswer((invocation) -> {
			List<CompletionWriter.Completion> batch = invocation.getArgument(0);
			writes.add(batch.stream().map((done) -> done.job().id()).toList());
			writing.countDown();
			release.await(10, TimeUnit.SECONDS);
			return batch;
		});
		this.writer = new CompletionWriter(this.store, null, Clock.systemUTC(), "node-a", this.events,
				Duration.ofSeconds(60));
		this.writer.completed(job(1), "{}", 3);
		assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

		for (long id = 200; id > 100; id--) {
			this.writer.completed(job(id), "{}", 3);
		}
		release.countDown();

		assertThat(this.writer.flush(5000)).isTrue();
		assertThat(writes).hasSize(2);
		assertThat(writes.get(1)).hasSize(100).isSorted();
	}

	private static ClaimedJob job(long id) {
		Instant now = Instant.now();
		return new ClaimedJob(id, "default", "probe", "{}", 1, 3, Backoff.fixed(Duration.ofSeconds(1)), null, now, now,
				now);
	}

}
