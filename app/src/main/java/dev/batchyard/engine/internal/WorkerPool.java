package dev.batchyard.engine.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.batchyard.engine.EngineProperties.WorkerThreads;
import dev.batchyard.engine.Workers;

/**
 * One queue's pool of workers on this node ({@code <queue>@<node>#<generation>}), with
 * threads named {@code <queue>@<node>#<generation>-<n>}.
 * <p>
 * A slot is taken when a job is claimed and given back when its thread returns, so the
 * dispatcher never claims more than the pool can start. {@link #resize(int)} takes effect
 * at once for new claims and never interrupts running jobs: growing opens slots now;
 * shrinking lets running jobs finish and claims nothing until fewer than the new size
 * run.
 * <p>
 * Each job runs on a thread of its own: by default a new virtual thread ({@code <n>}
 * counts the pool's jobs), else one of the pool's platform threads ({@code <n>} numbers
 * the threads, at most the pool's size). The slots, not the threads, bound how many jobs
 * run at once either way. With virtual threads a claimed job no longer wakes a parked
 * platform thread through the kernel: a backlog of short jobs runs back to back on the
 * JVM's carrier threads (see {@link WorkerThreads}).
 *
 * @author Batchyard
 */
class WorkerPool {

	private final String queueName;

	private final String nodeId;

	private final int generation;

	private final ExecutorService executor;

	/** The same executor when it runs platform threads (resized with the pool). */
	private final ThreadPoolExecutor platformThreads;

	private final Slots slots;

	private final Runnable onSlotFreed;

	private int size;

	WorkerPool(String queueName, String nodeId, int generation, int size, WorkerThreads threads, Runnable onSlotFreed) {
		this.queueName = queueName;
		this.nodeId = nodeId;
		this.generation = generation;
		this.size = size;
		this.onSlotFreed = onSlotFreed;
		this.slots = new Slots(size);
		this.platformThreads = (threads == WorkerThreads.PLATFORM) ? platformThreads(size) : null;
		this.executor = (this.platformThreads != null) ? this.platformThreads
				: Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(workerId() + "-", 1).factory());
	}

	private ThreadPoolExecutor platformThreads(int size) {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), Thread.ofPlatform().name(workerId() + "-", 1).factory());
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/** The worker's id: {@code <queue>@<node>#<generation>}. */
	String workerId() {
		return this.queueName + "@" + this.nodeId + "#" + this.generation;
	}

	int freeSlots() {
		return Math.max(this.slots.availablePermits(), 0);
	}

	synchronized int size() {
		return this.size;
	}

	/**
	 * Runs a claimed job in a slot taken for it.
	 * @return false, and nothing runs, when no slot is free (the pool shrank since the
	 * claim, or the claim returned more jobs than it asked for): the caller hands the job
	 * back
	 */
	boolean tryStart(Runnable job) {
		if (!this.slots.tryAcquire()) {
			return false;
		}
		try {
			execute(job);
			return true;
		}
		catch (RejectedExecutionException ex) {
			// the pool is shutting down: the slot was never used
			this.slots.release();
			return false;
		}
	}

	private void execute(Runnable job) {
		this.executor.execute(() -> {
			try {
				job.run();
			}
			finally {
				this.slots.release();
				this.onSlotFreed.run();
			}
		});
	}

	synchronized void resize(int newSize) {
		if (newSize < 1) {
			throw new IllegalArgumentException("A worker pool needs at least one worker (was " + newSize + ")");
		}
		if (newSize > this.size) {
			resizePlatformThreads(newSize);
			this.slots.release(newSize - this.size);
		}
		else if (newSize < this.size) {
			this.slots.reduce(this.size - newSize);
			resizePlatformThreads(newSize);
		}
		this.size = newSize;
	}

	/** Grows the maximum before the core, shrinks the core before the maximum. */
	private void resizePlatformThreads(int newSize) {
		if (this.platformThreads == null) {
			return;
		}
		if (newSize > this.platformThreads.getMaximumPoolSize()) {
			this.platformThreads.setMaximumPoolSize(newSize);
			this.platformThreads.setCorePoolSize(newSize);
		}
		else {
			this.platformThreads.setCorePoolSize(newSize);
			this.platformThreads.setMaximumPoolSize(newSize);
		}
	}

	/**
	 * The pool as the scaling service sees it: busy workers are the slots taken (below
	 * zero free while a shrunk pool still runs more jobs than its new size).
	 * @param dispatching whether the pool's dispatcher claims for it
	 */
	synchronized Workers.Worker describe(boolean dispatching) {
		return new Workers.Worker(workerId(), this.queueName, this.size, this.size - this.slots.availablePermits(),
				dispatching);
	}

	void shutdown() {
		this.executor.shutdown();
	}

	boolean awaitTermination(long millis) throws InterruptedException {
		return this.executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
	}

	void shutdownNow() {
		this.executor.shutdownNow();
	}

	/** Permits that can go below zero when the pool shrinks under running jobs. */
	private static final class Slots extends Semaphore {

		private static final long serialVersionUID = 1L;

		Slots(int permits) {
			super(permits);
		}

		void reduce(int reduction) {
			reducePermits(reduction);
		}

	}

}
