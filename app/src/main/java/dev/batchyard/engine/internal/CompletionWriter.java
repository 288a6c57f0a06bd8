package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.batchyard.engine.JobState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes completed attempts in batches: a worker hands its completion over and is free at
 * once, and one thread writes whatever completions gather within a millisecond of the
 * first (on PostgreSQL in one statement, elsewhere in one transaction). Under load that
 * is one write for dozens or hundreds of jobs; when idle, a completion is written a
 * millisecond after its job ends.
 * <p>
 * A completion not yet written keeps its lease renewed (see {@link #pendingJobIds()}). A
 * write that fails is retried with a backoff from 20 ms up to 2 s for as long as the
 * patience allows (a deadlock with another transaction passes at once, a database restart
 * within seconds): completions gathered meanwhile wait with their leases, and the jobs
 * are not run again. One that still fails, or one not written when the node dies, leaves
 * its job active with a lease nobody renews: another node rescues it and runs it again
 * (at least once, as everywhere in Batchyard).
 *
 * @author Batchyard
 */
class CompletionWriter implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(CompletionWriter.class);

	private static final int MAX_BATCH = 1000;

	private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long FIRST_RETRY_DELAY_MS = 20;

	private static final long MAX_RETRY_DELAY_MS = 2000;

	private final BlockingQueue<Completion> pending = new LinkedBlockingQueue<>();

	/** Jobs handed over and not yet written (or given up on). */
	private final Set<Long> pendingJobIds = ConcurrentHashMap.newKeySet();

	private final JobStore store;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final String nodeId;

	private final JobEvents events;

	private final long patienceNanos;

	private final Thread thread;

	private volatile boolean running = true;

	private final Object flushed = new Object();

	private long written;

	private long accepted;

	/**
	 * Starts the writer's thread.
	 * @param patience how long a failing write is tried again before its jobs are left to
	 * be rescued
	 */
	CompletionWriter(JobStore store, TransactionTemplate transactions, Clock clock, String nodeId, JobEvents events,
			Duration patience) {
		this.patienceNanos = patience.toNanos();
		this.store = store;
		this.transactions = transactions;
		this.clock = clock;
		this.nodeId = nodeId;
		this.events = events;
		this.thread = Thread.ofPlatform().name("completions@" + nodeId).daemon(true).start(this::run);
	}

	void completed(ClaimedJob job, String resultJson, long durationMs) {
		completed(job, resultJson, durationMs, null);
	}

	void completed(ClaimedJob job, String resultJson, long durationMs, Double allocatedMb) {
		synchronized (this.flushed) {
			this.accepted++;
		}
		this.pendingJobIds.add(job.id());
		this.pending.add(new Completion(job, resultJson, durationMs, allocatedMb));
	}

	/**
	 * The jobs whose completion is handed over and not yet written: their leases stay.
	 */
	Collection<Long> pendingJobIds() {
		return List.copyOf(this.pendingJobIds);
	}

	/** Waits until everything handed over so far is written (or the timeout passes). */
	boolean flush(long timeoutMillis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		synchronized (this.flushed) {
			long target = this.accepted;
			while (this.written < target) {
				long left = deadline - System.currentTimeMillis();
				if (left <= 0) {
					return false;
				}
				this.flushed.wait(left);
			}
			return true;
		}
	}

	private void run() {
		List<Completion> batch = new ArrayList<>();
		while (this.running || !this.pending.isEmpty()) {
			try {
				Completion first = this.pending.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				gather(batch);
				// rows locked in id order, as lease renewal locks them: no deadlock
				// between the two
				batch.sort(Comparator.comparingLong((done) -> done.job().id()));
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				if (!batch.isEmpty()) {
					batch.forEach((done) -> this.pendingJobIds.remove(done.job().id()));
					synchronized (this.flushed) {
						this.written += batch.size();
						this.flushed.notifyAll();
					}
					batch.clear();
				}
			}
		}
	}

	/**
	 * Adds what else completes within the gather time: under load a write serves a dozen
	 * jobs instead of a few (the statement costs the database about the same either way);
	 * when idle, a completion waits that long before it is written. The writer sleeps
	 * through the window rather than waiting on the queue: waiting on it, every
	 * completion handed over woke the writer, a context switch per job.
	 */
	private void gather(List<Completion> batch) throws InterruptedException {
		long until = System.nanoTime() + GATHER_NANOS;
		for (long left = GATHER_NANOS; left > 0
				&& this.pending.size() < MAX_BATCH - batch.size(); left = until - System.nanoTime()) {
			LockSupport.parkNanos(this, left);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
		this.pending.drainTo(batch, MAX_BATCH - batch.size());
	}

	private void write(List<Completion> batch) throws InterruptedException {
		long start = System.nanoTime();
		long delay = FIRST_RETRY_DELAY_MS;
		for (int attempt = 1;; attempt++) {
			Instant now = this.clock.instant();
			try {
				// one statement on PostgreSQL is atomic on its own: no BEGIN, no COMMIT
				List<Completion> written = this.store.completesInOneStatement()
						? this.store.completeAll(batch, this.nodeId, now)
						: this.transactions.execute((status) -> this.store.completeAll(batch, this.nodeId, now));
				if (written != null) {
					written.forEach((done) -> this.events.changed(done.job().id(), done.job().queueName(),
							done.job().type(), JobState.COMPLETED, now, done.durationMs()));
				}
				return;
			}
			catch (RuntimeException ex) {
				long waited = System.nanoTime() - start;
				if (!this.running || waited + TimeUnit.MILLISECONDS.toNanos(delay) > this.patienceNanos) {
					// the jobs stay active with nobody renewing their lease: another node
					// rescues them and they run again
					logger.warn("Could not record " + batch.size() + " completed jobs after " + attempt
							+ " attempts; their leases will expire and they will run again: " + ex.getMessage());
					return;
				}
				String retrying = "Recording " + batch.size() + " completed jobs failed (try " + attempt
						+ "); retrying in " + delay + " ms: " + ex.getMessage();
				if (attempt < 3) {
					logger.debug(retrying);
				}
				else {
					logger.warn(retrying);
				}
				Thread.sleep(delay);
				delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
	}

	/**
	 * A completed attempt waiting to be written.
	 *
	 * @param job the attempt
	 * @param resultJson its result
	 * @param durationMs how long it ran
	 * @param allocatedMb what it allocated, null when unknown
	 */
	record Completion(ClaimedJob job, String resultJson, long durationMs, Double allocatedMb) {

		Completion(ClaimedJob job, String resultJson, long durationMs) {
			this(job, resultJson, durationMs, null);
		}

	}

}
