package dev.batchyard.engine.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 *
 * @author Batchyard
 */
class WorkerPool {

	private final String queueName;

	private final String nodeId;

	private final int generation;

	private final ThreadPoolExecutor executor;

	private final Slots slots;

	private final Runnable onSlotFreed;

	private int size;

	WorkerPool(String queueName, String nodeId, int generation, int size, Runnable onSlotFreed) {
		this.queueName = queueName;
		this.nodeId = nodeId;
		this.generation = generation;
		this.size = size;
		this.onSlotFreed = onSlotFreed;
		this.slots = new Slots(size);
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> Thread.ofPlatform().name(workerId() + "-" + threads.incrementAndGet()).unstarted(task));
		this.executor.allowCoreThreadTimeOut(true);
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

	/** Runs a claimed job in a slot taken for it. */
	void start(Runnable job) {
		if (!this.slots.tryAcquire()) {
			throw new IllegalStateException("No free worker in " + workerId() + " for a claimed job");
		}
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
			this.executor.setMaximumPoolSize(newSize);
			this.executor.setCorePoolSize(newSize);
			this.slots.release(newSize - this.size);
		}
		else if (newSize < this.size) {
			this.slots.reduce(this.size - newSize);
			this.executor.setCorePoolSize(newSize);
			this.executor.setMaximumPoolSize(newSize);
		}
		this.size = newSize;
	}

	synchronized Workers.Worker describe() {
		return new Workers.Worker(workerId(), this.queueName, this.size, this.executor.getActiveCount());
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
