package dev.batchyard.engine.internal;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

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
 * <p>
 * A recycle ({@link #retire}, then {@link #startNext}) closes the current generation —
 * its slots are taken away, so the dispatcher claims nothing for it, and its executor
 * takes no more jobs — and then starts the next one with new threads, new slots and a new
 * id. Jobs of the old generation that are still running hold the old slots and release
 * them into the old generation, never into the new one.
 *
 * @author Batchyard
 */
class WorkerPool {

	private final String queueName;

	private final String nodeId;

	private final WorkerThreads threads;

	private final Runnable onSlotFreed;

	private int size;

	/** The generation that takes new jobs (or the closed one, while recycling). */
	private volatile Generation current;

	private volatile Workers.WorkerStatus status = Workers.WorkerStatus.ACTIVE;

	WorkerPool(String queueName, String nodeId, int generation, int size, WorkerThreads threads, Runnable onSlotFreed,
			Instant now) {
		this.queueName = queueName;
		this.nodeId = nodeId;
		this.threads = threads;
		this.size = size;
		this.onSlotFreed = onSlotFreed;
		this.current = new Generation(generation, size, now);
	}

	/** A first generation started now (for tests that build a pool by hand). */
	WorkerPool(String queueName, String nodeId, int generation, int size, WorkerThreads threads, Runnable onSlotFreed) {
		this(queueName, nodeId, generation, size, threads, onSlotFreed, Instant.now());
	}

	String queueName() {
		return this.queueName;
	}

	/** The worker's id: {@code <queue>@<node>#<generation>}. */
	String workerId() {
		return this.current.workerId;
	}

	int freeSlots() {
		return Math.max(this.current.slots.availablePermits(), 0);
	}

	synchronized int size() {
		return this.size;
	}

	Workers.WorkerStatus status() {
		return this.status;
	}

	/**
	 * Runs a claimed job in a slot taken for it.
	 * @return false, and nothing runs, when no slot is free (the pool shrank since the
	 * claim, the claim returned more jobs than it asked for, or the generation was
	 * retired since): the caller hands the job back
	 */
	boolean tryStart(Runnable job) {
		Generation generation = this.current;
		if (!generation.slots.tryAcquire()) {
			return false;
		}
		try {
			generation.execute(job);
			return true;
		}
		catch (RejectedExecutionException ex) {
			// the generation is shutting down: the slot was never used
			generation.slots.release();
			return false;
		}
	}

	synchronized void resize(int newSize) {
		if (newSize < 1) {
			throw new IllegalArgumentException("A worker pool needs at least one worker (was " + newSize + ")");
		}
		Generation generation = this.current;
		// a retired generation has no slots to give: the next one starts with the new
		// size
		if (!generation.closed) {
			if (newSize > this.size) {
				generation.resizePlatformThreads(newSize);
				generation.slots.release(newSize - this.size);
			}
			else if (newSize < this.size) {
				generation.slots.reduce(this.size - newSize);
				generation.resizePlatformThreads(newSize);
			}
		}
		this.size = newSize;
	}

	/**
	 * The pool as the scaling service sees it: busy workers are the slots taken (below
	 * zero free while a shrunk pool still runs more jobs than its new size).
	 * @param dispatching whether the pool's dispatcher claims for it
	 */
	synchronized Workers.Worker describe(boolean dispatching) {
		return new Workers.Worker(workerId(), this.queueName, this.size, this.current.busy(this.size), dispatching);
	}

	/** The pool's current generation as the memory feature sees it. */
	synchronized Workers.WorkerGeneration generation() {
		Generation generation = this.current;
		return new Workers.WorkerGeneration(generation.workerId, this.queueName, generation.number, this.status,
				generation.processed.sum(), generation.startedAt, generation.busy(this.size));
	}

	/**
	 * Closes the current generation for a recycle: it claims and starts nothing more, its
	 * running jobs go on.
	 * @return the retired generation, or null when the pool is already recycling
	 */
	synchronized Generation retire() {
		if (this.status != Workers.WorkerStatus.ACTIVE) {
			return null;
		}
		Generation generation = this.current;
		generation.closed = true;
		generation.slots.reduce(this.size);
		generation.executor.shutdown();
		this.status = Workers.WorkerStatus.RECYCLING;
		return generation;
	}

	/**
	 * Starts the generation after the retired one, with new threads (STARTING while its
	 * platform threads, if any, are made; then ACTIVE).
	 * @return the new generation's worker id
	 */
	String startNext(Generation retired, Instant now) {
		Generation next;
		synchronized (this) {
			this.status = Workers.WorkerStatus.STARTING;
			next = new Generation(retired.number + 1, this.size, now);
		}
		next.prestart();
		synchronized (this) {
			this.current = next;
			this.status = Workers.WorkerStatus.ACTIVE;
		}
		return next.workerId;
	}

	void shutdown() {
		this.current.executor.shutdown();
	}

	boolean awaitTermination(long millis) throws InterruptedException {
		return this.current.executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
	}

	void shutdownNow() {
		this.current.executor.shutdownNow();
	}

	/**
	 * One generation of the pool: its id, threads, slots and the jobs it ran.
	 */
	final class Generation {

		private final int number;

		private final String workerId;

		private final ExecutorService executor;

		/** The same executor when it runs platform threads (resized with the pool). */
		private final ThreadPoolExecutor platformThreads;

		private final Slots slots;

		private final Instant startedAt;

		/** Jobs its workers returned from, whatever their outcome. */
		private final LongAdder processed = new LongAdder();

		private volatile boolean closed;

		private Generation(int number, int size, Instant startedAt) {
			this.number = number;
			this.workerId = WorkerPool.this.queueName + "@" + WorkerPool.this.nodeId + "#" + number;
			this.startedAt = startedAt;
			this.slots = new Slots(size);
			this.platformThreads = (WorkerPool.this.threads == WorkerThreads.PLATFORM) ? platformThreads(size) : null;
			this.executor = (this.platformThreads != null) ? this.platformThreads
					: Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(this.workerId + "-", 1).factory());
		}

		private ThreadPoolExecutor platformThreads(int size) {
			ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
					new LinkedBlockingQueue<>(), Thread.ofPlatform().name(this.workerId + "-", 1).factory());
			executor.allowCoreThreadTimeOut(true);
			return executor;
		}

		String workerId() {
			return this.workerId;
		}

		/**
		 * Whether a thread is one of this generation's workers: they are named after it
		 * ({@code <workerId>-<n>}), which the recycle reads once instead of every job
		 * registering its thread on the hot path.
		 */
		boolean owns(Thread thread) {
			String name = thread.getName();
			return name.startsWith(this.workerId) && name.length() > this.workerId.length()
					&& name.charAt(this.workerId.length()) == '-';
		}

		/** Waits for its running jobs to return; false if some still run. */
		boolean awaitTermination(long millis) throws InterruptedException {
			return this.executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
		}

		void shutdownNow() {
			this.executor.shutdownNow();
		}

		long processed() {
			return this.processed.sum();
		}

		private int busy(int size) {
			int free = this.slots.availablePermits();
			// a retired generation's slots were reduced by the pool's size
			return this.closed ? Math.max(-free, 0) : size - free;
		}

		private void prestart() {
			if (this.platformThreads != null) {
				this.platformThreads.prestartAllCoreThreads();
			}
		}

		private void execute(Runnable job) {
			this.executor.execute(() -> {
				try {
					job.run();
				}
				finally {
					this.processed.increment();
					this.slots.release();
					WorkerPool.this.onSlotFreed.run();
				}
			});
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
