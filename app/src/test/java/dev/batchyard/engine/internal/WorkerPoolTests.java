package dev.batchyard.engine.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.batchyard.engine.EngineProperties.WorkerThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool runs each job on a thread named after it, never more jobs than its size, and
 * lets a shutdown interrupt what still runs, with virtual and with platform threads.
 *
 * @author Batchyard
 */
class WorkerPoolTests {

	private final AtomicInteger freed = new AtomicInteger();

	private WorkerPool pool;

	@AfterEach
	void shutDown() {
		if (this.pool != null) {
			this.pool.shutdownNow();
		}
	}

	@ParameterizedTest
	@EnumSource(WorkerThreads.class)
	void aJobRunsOnAThreadNamedAfterItsPoolOfTheChosenKind(WorkerThreads threads) throws Exception {
		this.pool = pool(threads, 2);
		List<Thread> ranOn = new CopyOnWriteArrayList<>();
		runAll(4, () -> ranOn.add(Thread.currentThread()));

		assertThat(ranOn).hasSize(4)
			.allSatisfy((thread) -> assertThat(thread.getName()).matches("mail@node-a#1-\\d+"))
			.allSatisfy((thread) -> assertThat(thread.isVirtual()).isEqualTo(threads == WorkerThreads.VIRTUAL));
		Set<String> names = Set.copyOf(ranOn.stream().map(Thread::getName).toList());
		if (threads == WorkerThreads.VIRTUAL) {
			assertThat(names).as("a new virtual thread for each job").hasSize(4);
		}
		else {
			assertThat(names).as("the pool's platform threads, reused").hasSizeLessThanOrEqualTo(2);
		}
		assertThat(this.freed).hasValue(4);
	}

	@ParameterizedTest
	@EnumSource(WorkerThreads.class)
	void aPoolRunsNoMoreJobsThanItsSizeAndCountsThemBusy(WorkerThreads threads) throws Exception {
		this.pool = pool(threads, 2);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(2);
		Runnable holding = () -> {
			started.countDown();
			await(release);
		};
		assertThat(this.pool.tryStart(holding)).isTrue();
		assertThat(this.pool.tryStart(holding)).isTrue();
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

		assertThat(this.pool.freeSlots()).isZero();
		assertThat(this.pool.describe(true).busy()).isEqualTo(2);
		AtomicInteger ranWithoutASlot = new AtomicInteger();
		assertThat(this.pool.tryStart(ranWithoutASlot::incrementAndGet)).as("started without a free worker").isFalse();

		release.countDown();
		awaitFreed(2);
		assertThat(ranWithoutASlot).hasValue(0);
		assertThat(this.pool.freeSlots()).isEqualTo(2);
		assertThat(this.pool.describe(true).busy()).isZero();
	}

	@ParameterizedTest
	@EnumSource(WorkerThreads.class)
	void shrinkingLetsRunningJobsFinishAndGrowingOpensSlotsAtOnce(WorkerThreads threads) throws Exception {
		this.pool = pool(threads, 3);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger interrupted = new AtomicInteger();
		AtomicInteger finished = new AtomicInteger();
		startWaiting(3, release, new CountDownLatch(3), interrupted, finished);
		this.pool.resize(1);
		assertThat(this.pool.freeSlots()).isZero();
		release.countDown();
		awaitFreed(3);
		assertThat(finished).hasValue(3);
		assertThat(interrupted).hasValue(0);
		assertThat(this.pool.freeSlots()).isEqualTo(1);

		this.pool.resize(4);
		assertThat(this.pool.freeSlots()).isEqualTo(4);
		runAll(4, () -> {
		});
		assertThat(this.pool.describe(true).size()).isEqualTo(4);
	}

	@ParameterizedTest
	@EnumSource(WorkerThreads.class)
	void shutdownNowInterruptsTheJobsStillRunning(WorkerThreads threads) throws Exception {
		this.pool = pool(threads, 2);
		CountDownLatch started = new CountDownLatch(2);
		AtomicInteger interrupted = new AtomicInteger();
		startWaiting(2, new CountDownLatch(1), started, interrupted, new AtomicInteger());
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		this.pool.shutdown();
		assertThat(this.pool.awaitTermination(100)).as("a shutdown waits for running jobs").isFalse();

		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(5000)).isTrue();
		assertThat(interrupted).hasValue(2);
	}

	private WorkerPool pool(WorkerThreads threads, int size) {
		return new WorkerPool("mail", "node-a", 1, size, threads, this.freed::incrementAndGet);
	}

	/**
	 * Starts {@code count} jobs that wait for {@code until}, each counting itself
	 * started, then interrupted if it was, then finished.
	 */
	private void startWaiting(int count, CountDownLatch until, CountDownLatch started, AtomicInteger interrupted,
			AtomicInteger finished) {
		for (int i = 0; i < count; i++) {
			this.pool.tryStart(() -> {
				started.countDown();
				if (!await(until)) {
					interrupted.incrementAndGet();
				}
				finished.incrementAndGet();
			});
		}
	}

	/** Runs {@code count} jobs, each when a slot is free, and waits for all of them. */
	private void runAll(int count, Runnable job) throws InterruptedException {
		Set<Integer> done = ConcurrentHashMap.newKeySet();
		int before = this.freed.get();
		for (int i = 0; i < count; i++) {
			int n = i;
			while (this.pool.freeSlots() == 0) {
				Thread.sleep(1);
			}
			this.pool.tryStart(() -> {
				job.run();
				done.add(n);
			});
		}
		awaitFreed(before + count);
		assertThat(done).hasSize(count);
	}

	private void awaitFreed(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.freed.get() < count && System.nanoTime() < deadline) {
			Thread.sleep(1);
		}
		assertThat(this.freed.get()).isGreaterThanOrEqualTo(count);
	}

	/** Whether the latch opened (false: the thread was interrupted). */
	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

}
