package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.batchyard.engine.JobState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes completed attempts in batches: a worker hands its completion over and is free at
 * once, and one thread commits whatever completions have gathered since its last commit
 * in a single transaction. Under load that is one commit for hundreds of jobs; when idle,
 * one per job, with no added wait.
 * <p>
 * A completion not yet written when the node dies leaves its job active: the lease
 * expires and another node runs it again (at least once, as everywhere in Batchyard).
 *
 * @author Batchyard
 */
class CompletionWriter implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(CompletionWriter.class);

	private static final int MAX_BATCH = 1000;

	private final BlockingQueue<Completion> pending = new LinkedBlockingQueue<>();

	private final JobStore store;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final String nodeId;

	private final JobEvents events;

	private final Thread thread;

	private volatile boolean running = true;

	private final Object flushed = new Object();

	private long written;

	private long accepted;

	CompletionWriter(JobStore store, TransactionTemplate transactions, Clock clock, String nodeId, JobEvents events) {
		this.store = store;
		this.transactions = transactions;
		this.clock = clock;
		this.nodeId = nodeId;
		this.events = events;
		this.thread = Thread.ofPlatform().name("completions@" + nodeId).daemon(true).start(this::run);
	}

	void completed(ClaimedJob job, String resultJson, long durationMs) {
		synchronized (this.flushed) {
			this.accepted++;
		}
		this.pending.add(new Completion(job, resultJson, durationMs));
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
				this.pending.drainTo(batch, MAX_BATCH - 1);
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				if (!batch.isEmpty()) {
					synchronized (this.flushed) {
						this.written += batch.size();
						this.flushed.notifyAll();
					}
					batch.clear();
				}
			}
		}
	}

	private void write(List<Completion> batch) {
		Instant now = this.clock.instant();
		try {
			List<Completion> written = this.transactions
				.execute((status) -> this.store.completeAll(batch, this.nodeId, now));
			if (written != null) {
				written.forEach((done) -> this.events.changed(done.job().id(), done.job().queueName(),
						done.job().type(), JobState.COMPLETED, now));
			}
		}
		catch (RuntimeException ex) {
			// the jobs stay active: their lease expires and they run again elsewhere
			logger.warn("Could not record " + batch.size() + " completed jobs; their leases will expire and they"
					+ " will run again: " + ex.getMessage());
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
	 */
	record Completion(ClaimedJob job, String resultJson, long durationMs) {

	}

}
