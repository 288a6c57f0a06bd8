package dev.batchyard.engine.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The attempts running on this node right now, so that a cancel, a rescue elsewhere or a
 * shutdown can reach their threads.
 *
 * @author Batchyard
 */
class RunningAttempts {

	private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();

	/**
	 * Notes an attempt starting on the calling thread.
	 * @param job the claimed job
	 * @param recordFailure how a failure of the attempt is recorded, for the time limiter
	 * to record a timeout while the attempt's thread is stuck in a step
	 * @return the attempt
	 */
	Attempt begin(ClaimedJob job, BiConsumer<Attempt, Throwable> recordFailure) {
		Attempt attempt = new Attempt(job, Thread.currentThread(), recordFailure);
		this.attempts.put(job.id(), attempt);
		return attempt;
	}

	void end(Attempt attempt) {
		this.attempts.remove(attempt.job().id(), attempt);
	}

	/** The attempt running the job here, or null. */
	Attempt get(long jobId) {
		return this.attempts.get(jobId);
	}

	Collection<Long> jobIds() {
		return List.copyOf(this.attempts.keySet());
	}

	List<Attempt> all() {
		return List.copyOf(this.attempts.values());
	}

	int count() {
		return this.attempts.size();
	}

	/** Asks a running job to stop and interrupts its thread; false if it is not here. */
	boolean stop(long jobId) {
		Attempt attempt = this.attempts.get(jobId);
		if (attempt == null) {
			return false;
		}
		attempt.stop();
		return true;
	}

	/**
	 * One running attempt. Its outcome is recorded once: by its own thread when the job
	 * returns, or by the time limiter when a step ignores its timeout.
	 */
	static final class Attempt {

		private final ClaimedJob job;

		private final Thread thread;

		private final BiConsumer<Attempt, Throwable> recordFailure;

		private final AtomicBoolean outcomeTaken = new AtomicBoolean();

		private volatile boolean stopRequested;

		private volatile boolean handedBack;

		/**
		 * Set by the time limiter when the first step starts; steps run one at a time.
		 */
		private volatile TimeLimitDecorator.Deadline deadline;

		Attempt(ClaimedJob job, Thread thread, BiConsumer<Attempt, Throwable> recordFailure) {
			this.job = job;
			this.thread = thread;
			this.recordFailure = recordFailure;
		}

		ClaimedJob job() {
			return this.job;
		}

		boolean stopRequested() {
			return this.stopRequested;
		}

		boolean handedBack() {
			return this.handedBack;
		}

		void stop() {
			this.stopRequested = true;
			this.thread.interrupt();
		}

		TimeLimitDecorator.Deadline deadline() {
			return this.deadline;
		}

		void deadline(TimeLimitDecorator.Deadline deadline) {
			this.deadline = deadline;
		}

		/** The thread the attempt runs on. */
		Thread thread() {
			return this.thread;
		}

		/**
		 * Takes the right to record the attempt's outcome.
		 * @return true the first time only
		 */
		boolean takeOutcome() {
			return this.outcomeTaken.compareAndSet(false, true);
		}

		/**
		 * Records the attempt as failed now, from any thread, unless its outcome is
		 * already recorded.
		 * @param error why it failed
		 */
		void failNow(Throwable error) {
			this.recordFailure.accept(this, error);
		}

		void handBack() {
			this.handedBack = true;
			stop();
		}

	}

}
