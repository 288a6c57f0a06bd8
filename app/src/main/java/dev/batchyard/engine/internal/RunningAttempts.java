package dev.batchyard.engine.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts running on this node right now, so that a cancel, a rescue elsewhere or a
 * shutdown can reach their threads.
 *
 * @author Batchyard
 */
class RunningAttempts {

	private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();

	Attempt begin(ClaimedJob job) {
		Attempt attempt = new Attempt(job, Thread.currentThread());
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
	 * One running attempt.
	 */
	static final class Attempt {

		private final ClaimedJob job;

		private final Thread thread;

		private volatile boolean stopRequested;

		private volatile boolean handedBack;

		Attempt(ClaimedJob job, Thread thread) {
			this.job = job;
			this.thread = thread;
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

		void handBack() {
			this.handedBack = true;
			stop();
		}

	}

}
