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
 * and does not stay on the timer.
 */
class TimeoutSchedulerTests {

	private final TimeoutScheduler scheduler = new TimeoutScheduler("test-time-limiter");

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
	}

	@Test
	void aTaskRunsOnceWhenItIsDueAndNotBefore() throws InterruptedException {
		long scheduledAt = System.nanoTime();
		AtomicLong ranAt = new AtomicLong();
		CountDownLatch ran = new CountDownLatch(1);
		ScheduledFuture<?> task = this.scheduler.schedule(() -> {
			ranAt.set(System.nanoTime());
			ran.countDown();
		}, 100, TimeUnit.MILLISECONDS);

		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(ranAt.get() - scheduledAt)).isBetween(Duration.ofMillis(100),
				Duration.ofMillis(400));
		await().until(task::isDone);
		assertThat(task.isCancelled()).isFalse();
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void aCancelledTaskNeverRunsAndLeavesTheTimerAtOnce() throws InterruptedException {
		AtomicInteger runs = new AtomicInteger();
		// due late enough that a busy machine cannot run it before the cancel
		ScheduledFuture<?> task = this.scheduler.schedule(runs::incrementAndGet, 1000, TimeUnit.MILLISECONDS);

		assertThat(task.cancel(false)).isTrue();

		assertThat(this.scheduler.pending()).isZero();
		assertThat(task.isDone()).isTrue();
		await().during(Duration.ofMillis(1300)).atMost(Duration.ofSeconds(3)).until(() -> runs.get() == 0);
	}

	/**
	 * The timer thread sleeps until its first deadline: a task due sooner, scheduled
	 * while it sleeps, must wake it.
	 */
	@Test
	void aTaskDueBeforeTheOnesWaitingStillRunsOnTime() throws InterruptedException {
		this.scheduler.schedule(() -> {
		}, 1, TimeUnit.HOURS);
		Thread.sleep(50);
		long scheduledAt = System.nanoTime();
		AtomicLong ranAt = new AtomicLong();
		CountDownLatch ran = new CountDownLatch(1);
		this.scheduler.schedule(() -> {
			ranAt.set(System.nanoTime());
			ran.countDown();
		}, 20, TimeUnit.MILLISECONDS);

		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(ranAt.get() - scheduledAt)).isLessThan(Duration.ofMillis(250));
		assertThat(this.scheduler.pending()).isOne();
	}

	@Test
	void tasksRunInTheOrderTheyAreDue() {
		StringBuffer order = new StringBuffer();
		this.scheduler.schedule(() -> order.append("c"), 120, TimeUnit.MILLISECONDS);
		this.scheduler.schedule(() -> order.append("a"), 40, TimeUnit.MILLISECONDS);
		this.scheduler.schedule(() -> order.append("b"), 80, TimeUnit.MILLISECONDS);

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

}
