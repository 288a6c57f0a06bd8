package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims ready jobs of one queue for this node's pool of that queue, in priority, runAt,
 * id order, never more than the pool has free workers, and nothing while the queue is
 * paused, nor while one of the queue's rate limiters is closed. It sleeps until woken (a
 * job enqueued, a worker freed while work was left) or until the poll interval passes.
 *
 * @author Batchyard
 */
class Dispatcher implements Runnable {

	private static final Log logger = LogFactory.getLog(Dispatcher.class);

	private final String queueName;

	private final WorkerPool pool;

	private final JobStore store;

	private final TransactionTemplate transactions;

	private final Consumer<ClaimedJob> runner;

	private final LimiterGate limiterGate;

	private final Clock clock;

	private final Duration pollInterval;

	private final Duration leaseDuration;

	private final String nodeId;

	private final int claimBatch;

	private final Object signal = new Object();

	private boolean woken;

	private volatile boolean running = true;

	private volatile boolean drained;

	private Thread thread;

	Dispatcher(String queueName, WorkerPool pool, JobStore store, TransactionTemplate transactions,
			Consumer<ClaimedJob> runner, LimiterGate limiterGate, Clock clock, Timing timing, String nodeId) {
		this.queueName = queueName;
		this.pool = pool;
		this.store = store;
		this.transactions = transactions;
		this.runner = runner;
		this.limiterGate = limiterGate;
		this.clock = clock;
		this.pollInterval = timing.pollInterval();
		this.leaseDuration = timing.leaseDuration();
		this.claimBatch = timing.claimBatch();
		this.nodeId = nodeId;
	}

	String queueName() {
		return this.queueName;
	}

	WorkerPool pool() {
		return this.pool;
	}

	void start() {
		this.thread = Thread.ofPlatform().name("dispatch-" + this.queueName + "@" + this.nodeId).start(this);
	}

	/** Stops claiming; jobs already claimed keep running. */
	void stop() throws InterruptedException {
		this.running = false;
		wake();
		if (this.thread != null) {
			this.thread.join(5000);
		}
	}

	void wake() {
		synchronized (this.signal) {
			this.woken = true;
			this.signal.notifyAll();
		}
	}

	/** A worker was freed: claim again at once, unless the queue was found empty. */
	void workerFreed() {
		if (!this.drained) {
			wake();
		}
	}

	@Override
	public void run() {
		try {
			loop();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void loop() throws InterruptedException {
		while (this.running) {
			try {
				int free = this.pool.freeSlots();
				if (free <= 0) {
					await(this.pollInterval);
					continue;
				}
				Duration closed = limitersClosedFor();
				if (!closed.isZero()) {
					await((closed.compareTo(this.pollInterval) < 0) ? closed : this.pollInterval);
					continue;
				}
				int wanted = Math.min(free, this.claimBatch);
				List<ClaimedJob> claimed = claim(wanted);
				this.drained = claimed.size() < wanted;
				claimed.forEach((job) -> this.pool.start(() -> this.runner.accept(job)));
				if (this.drained) {
					await(this.pollInterval);
				}
			}
			catch (DataAccessException ex) {
				logger.warn("Dispatcher of " + this.queueName + " could not claim jobs; retrying: " + ex.getMessage());
				await(this.pollInterval);
			}
		}
	}

	/** A closed limiter would only send claimed jobs back: wait for it instead. */
	private Duration limitersClosedFor() {
		try {
			return this.limiterGate.closedFor(this.queueName);
		}
		catch (RuntimeException ex) {
			// the step decorator still takes a permit; a failed look must not stop the
			// queue
			return Duration.ZERO;
		}
	}

	private List<ClaimedJob> claim(int wanted) {
		Instant now = this.clock.instant();
		if (this.store.claimsInOneStatement()) {
			return this.store.claimInOneStatement(this.queueName, wanted, this.nodeId, this.pool.workerId(), now,
					now.plus(this.leaseDuration));
		}
		List<ClaimedJob> claimed = this.transactions
			.execute((status) -> this.store.isPaused(this.queueName) ? List.of() : this.store.claim(this.queueName,
					wanted, this.nodeId, this.pool.workerId(), now, now.plus(this.leaseDuration)));
		return (claimed != null) ? claimed : List.of();
	}

	private void await(Duration timeout) throws InterruptedException {
		synchronized (this.signal) {
			if (!this.woken && this.running) {
				this.signal.wait(Math.max(timeout.toMillis(), 1));
			}
			this.woken = false;
		}
	}

	/**
	 * How a dispatcher paces itself.
	 *
	 * @param pollInterval the longest sleep without a wake-up
	 * @param leaseDuration the lease a claimed job gets
	 * @param claimBatch the most jobs one claim takes
	 */
	record Timing(Duration pollInterval, Duration leaseDuration, int claimBatch) {

	}

}
