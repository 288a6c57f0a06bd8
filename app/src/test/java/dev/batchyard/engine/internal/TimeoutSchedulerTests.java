package dev.batchyard.engine.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The time limiter's clock: a task runs once, when it is due; a cancelled one never runs
 * and does not stay on the timer. The test moves the scheduler's time; no assertion
 * depends on how fast the machine is.
 */
class TimeoutSchedulerTests {

	private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

	/**
	 * Sleeps at most an hour between looks: a missed wake-up shows as a task that never
	 * runs.
	 */
	private final TimeoutScheduler scheduler = new TimeoutScheduler("test-time-limiter", this.nanos::get,
			TimeUnit.HOURS.toNanos(1));

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
	}

	@Test
	void aTaskRunsOnceWhenItIsDueAndNotBefore() {
		AtomicInteger runs = new AtomicInteger();
		ScheduledFuture<?> task = this.scheduler.schedule(runs::incrementAndGet, 100, TimeUnit.MILLISECONDS);

		advanceMillis(99);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 0);
		advanceMillis(1);

		await().atMost(Duration.ofSeconds(5)).until(task::isDone);
		assertThat(runs).hasValue(1);
		assertThat(task.isCancelled()).isFalse();
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void aCancelledTaskNeverRunsAndLeavesTheTimerAtOnce() throws InterruptedException {
		AtomicInteger runs = new AtomicInteger();
		ScheduledFuture<?> task = this.scheduler.schedule(runs::incrementAndGet, 1000, TimeUnit.MILLISECONDS);

		assertThat(task.cancel(false)).isTrue();

		assertThat(this.scheduler.pending()).isZero();
		assertThat(task.isDone()).isTrue();
		// a task due after the cancelled one's time: had that one stayed, it would run
		// first
		advanceMillis(2000);
		CountDownLatch later = new CountDownLatch(1);
		this.scheduler.schedule(later::countDown, 0, TimeUnit.MILLISECONDS);
		assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(runs).hasValue(0);
	}

	/**
	 * The timer thread sleeps until its first deadline (here an hour away): a task due
	 * sooner, scheduled while it sleeps, must wake it.
	 */
	@Test
	void aTaskDueBeforeTheOnesWaitingStillRunsOnTime() throws InterruptedException {
		this.scheduler.schedule(() -> {
		}, 1, TimeUnit.HOURS);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.scheduler.plannedWake() != Long.MAX_VALUE);
		CountDownLatch ran = new CountDownLatch(1);
		this.scheduler.schedule(ran::countDown, 20, TimeUnit.MILLISECONDS);
		advanceMillis(20);

		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.scheduler.pending()).isOne();
	}

	@Test
	void tasksRunInTheOrderTheyAreDue() {
		StringBuffer order = new StringBuffer();
		this.scheduler.schedule(() -> order.append("c"), 120, TimeUnit.MILLISECONDS);
		this.scheduler.schedule(() -> order.append("a"), 40, TimeUnit.MILLISECONDS);
		this.scheduler.schedule(() -> order.append("b"), 80, TimeUnit.MILLISECONDS);
		advanceMillis(200);

		await().atMost(Duration.ofSeconds(5)).until(() -> order.length() == 3);
		assertThat(order).hasToString("abc");
	}

	@Test
	void aFailingTaskDoesNotStopTheTimer() throws InterruptedException {
		this.scheduler.schedule(() -> {
			throw new IllegalStateException("boom");
		}, 10, TimeUnit.MILLISECONDS);
		CountDownLatch ran = new CountDownLatch(1);
		this.scheduler.schedule(ran::countDown, 50, TimeUnit.MILLISECONDS);
		advanceMillis(50);

		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void afterShutdownNothingCanBeScheduledAndPeriodicTasksAreNotOffered() throws InterruptedException {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.scheduler.scheduleAtFixedRate(() -> {
			}, 1, 1, TimeUnit.SECONDS));

		this.scheduler.shutdown();

		assertThat(this.scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.scheduler.isTerminated()).isTrue();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.scheduler.schedule(() -> {
		}, 1, TimeUnit.MILLISECONDS));
	}

	private void advanceMillis(long millis) {
		this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
