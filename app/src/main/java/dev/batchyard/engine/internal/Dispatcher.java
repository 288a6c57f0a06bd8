package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.batchyard.engine.Workers;
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

	private final DispatchFaults faults;

	/**
	 * Claimed jobs this dispatcher could not start and has not yet handed back (the hand
	 * back failed): tried again before the next claim, while their leases still run.
	 */
	private final List<Long> toHandBack = new ArrayList<>();

	/** Unexpected errors in a row: how long the loop backs off after the next one. */
	private int faultsInARow;

	/** Set by a wake-up; the dispatcher parks only while it is clear. */
	private final AtomicBoolean woken = new AtomicBoolean();

	/**
	 * Set when a job may have become ready in front of {@link #cursor}: a wake-up other
	 * than a freed worker (an enqueue, a retry, a delayed job's runAt, a resume, a
	 * notification from another node) or a poll interval that passed.
	 */
	private final AtomicBoolean frontChanged = new AtomicBoolean();

	/**
	 * Where the next claim starts while a backlog is drained: the first job the last
	 * claim took. Every job before it was claimed, by this node or another, when that
	 * claim ran, so a claim from the front would only walk the claim index's entries of
	 * jobs already taken (they stay in the index until VACUUM, and each claim of a long
	 * drain read more of them). Null: from the front.
	 */
	private JobStore.ClaimKey cursor;

	/** When {@link #cursor} was set (nanoTime). */
	private long cursorSetAt;

	private volatile boolean running = true;

	private volatile boolean drained;

	/** The last claim found all it wanted: more jobs are likely ready. */
	private boolean backlog;

	/** When the dispatcher began waiting for more free workers (0: not waiting). */
	private long gatherStartedAt;

	/**
	 * How many free workers a freed worker must see to wake the dispatcher: one, or while
	 * it gathers workers, as many as it waits for. Woken by every freed worker, it woke
	 * and slept again for nearly every job of a backlog.
	 */
	private volatile int wakeAtFree = 1;

	private final long gatherNanos;

	/**
	 * How long a cursor is trusted without a wake-up: bounds how late a job that became
	 * ready in front of it unannounced is seen (one another node's claim skipped and then
	 * gave back, say) while a backlog is drained.
	 */
	private final long cursorLifetimeNanos;

	private volatile Thread thread;

	Dispatcher(String queueName, WorkerPool pool, JobStore store, TransactionTemplate transactions,
			Consumer<ClaimedJob> runner, LimiterGate limiterGate, Clock clock, Timing timing, String nodeId,
			DispatchFaults faults) {
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
		this.gatherNanos = timing.claimGather().toNanos();
		this.cursorLifetimeNanos = timing.claimCursorLifetime().toNanos();
		this.nodeId = nodeId;
		this.faults = faults;
	}

	String queueName() {
		return this.queueName;
	}

	WorkerPool pool() {
		return this.pool;
	}

	/** The pool as {@link Workers} reports it. */
	Workers.Worker describe() {
		return this.pool.describe(dispatching());
	}

	void start() {
		this.thread = Thread.ofPlatform()
			.name("dispatch-" + this.queueName + "@" + this.nodeId)
			.uncaughtExceptionHandler((thread, ex) -> logger.error(thread.getName() + " stopped by " + ex, ex))
			.start(this);
	}

	/**
	 * Whether the dispatcher claims for its queue: false when it was stopped, and false
	 * when its thread died, which the loop is written never to let happen.
	 */
	boolean dispatching() {
		Thread current = this.thread;
		return this.running && current != null && current.isAlive();
	}

	/**
	 * Starts the dispatcher's thread again if it died while the dispatcher should run.
	 * @return whether it had to
	 */
	synchronized boolean revive() {
		Thread current = this.thread;
		if (!this.running || current == null || current.isAlive()) {
			return false;
		}
		logger.error("Dispatcher of " + this.queueName + " on " + this.nodeId + " had stopped; starting it again");
		this.faults.restarted(this.queueName);
		this.woken.set(false);
		this.frontChanged.set(true);
		start();
		return true;
	}

	/** Stops claiming; jobs already claimed keep running. */
	void stop() throws InterruptedException {
		this.running = false;
		wake();
		if (this.thread != null) {
			this.thread.join(5000);
		}
	}

	/**
	 * Wakes the dispatcher: there may be work, anywhere in the queue's claim order.
	 */
	void wake() {
		this.frontChanged.set(true);
		unpark();
	}

	/**
	 * Lock-free: every worker calls this when it finishes a job, and a monitor here was
	 * the hottest spot of a drain.
	 */
	private void unpark() {
		if (this.woken.compareAndSet(false, true) && this.thread != null) {
			LockSupport.unpark(this.thread);
		}
	}

	/**
	 * A worker was freed: claim again at once, unless the queue was found empty or the
	 * dispatcher gathers more free workers than there are.
	 */
	void workerFreed() {
		if (!this.drained && this.pool.freeSlots() >= this.wakeAtFree) {
			unpark();
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

	/**
	 * Claims and starts jobs until stopped. Nothing that goes wrong in one turn ends the
	 * loop: a database error waits for the poll interval, any other error is logged,
	 * counted in {@code batchyard.dispatcher.errors} and waited out with a backoff that
	 * grows while errors repeat. A thread that stopped would leave its queue undrained on
	 * this node until a restart.
	 */
	private void loop() throws InterruptedException {
		while (this.running) {
			try {
				turn();
				this.faultsInARow = 0;
			}
			catch (DataAccessException ex) {
				logger.warn("Dispatcher of " + this.queueName + " could not claim jobs; retrying: " + ex.getMessage());
				await(this.pollInterval);
			}
			catch (RuntimeException | Error ex) {
				this.faults.loopFailed(this.queueName);
				Duration backoff = faultBackoff();
				logger.error("Dispatcher of " + this.queueName + " on " + this.nodeId + " failed; going on in "
						+ backoff.toMillis() + " ms", ex);
				await(backoff);
			}
		}
	}

	/** 50 ms after the first error in a row, doubling up to the poll interval. */
	private Duration faultBackoff() {
		this.faultsInARow = Math.min(this.faultsInARow + 1, 16);
		Duration backoff = Duration.ofMillis(50L << (this.faultsInARow - 1));
		return (backoff.compareTo(this.pollInterval) < 0) ? backoff : this.pollInterval;
	}

	private void turn() throws InterruptedException {
		handBackLeftovers();
		int free = this.pool.freeSlots();
		if (free <= 0) {
			await(this.pollInterval);
			return;
		}
		if (gatheringWorkers(free)) {
			return;
		}
		Duration closed = limitersClosedFor();
		if (!closed.isZero()) {
			await((closed.compareTo(this.pollInterval) < 0) ? closed : this.pollInterval);
			return;
		}
		int admissible = this.limiterGate.admissible(this.queueName);
		if (admissible == 0) {
			// no memory headroom for the queue's budget: its jobs wait unclaimed
			await(this.pollInterval);
			return;
		}
		int wanted = Math.min(Math.min(free, this.claimBatch), admissible);
		List<ClaimedJob> claimed = claim(wanted);
		this.drained = claimed.size() < wanted;
		this.backlog = !this.drained;
		startAll(claimed, wanted);
		if (this.drained) {
			await(this.pollInterval);
		}
	}

	/**
	 * Starts the claimed jobs, most urgent first. A job beyond what was asked for, or one
	 * no worker is free for, goes straight back to {@code waiting} without spending its
	 * attempt: the claim's statement guarantees its limit, so this is a second line of
	 * defence, never a path a healthy node takes.
	 */
	private void startAll(List<ClaimedJob> claimed, int wanted) {
		List<Long> notStarted = new ArrayList<>();
		for (int i = 0; i < claimed.size(); i++) {
			ClaimedJob job = claimed.get(i);
			if (i >= wanted || !this.pool.tryStart(() -> this.runner.accept(job))) {
				notStarted.add(job.id());
			}
		}
		if (!notStarted.isEmpty()) {
			logger.warn("Dispatcher of " + this.queueName + " on " + this.nodeId + " claimed " + claimed.size()
					+ " jobs for " + wanted + " free workers; handing " + notStarted.size()
					+ " back to waiting without spending an attempt");
			this.faults.overClaimed(this.queueName, notStarted.size());
			this.toHandBack.addAll(notStarted);
			handBackLeftovers();
		}
	}

	/**
	 * Hands back the jobs that could not start. Until that succeeds they stay in the list
	 * and are tried again before every claim; jobs this node no longer owns are left
	 * alone by the statement.
	 */
	private void handBackLeftovers() {
		if (this.toHandBack.isEmpty()) {
			return;
		}
		List<Long> ids = List.copyOf(this.toHandBack);
		this.store.handBack(this.nodeId, ids);
		this.toHandBack.removeAll(ids);
		// they are ready again, in front of any cursor
		this.frontChanged.set(true);
		this.drained = false;
	}

	/**
	 * While the queue has a backlog, a worker freed a moment ago waits up to the gather
	 * time for the rest of the pool to free up, so that one claim takes jobs for all of
	 * them: most of a claim's cost is the statement, not its rows, and a backlog of short
	 * jobs otherwise makes a claim per job or two. Short jobs free the whole pool well
	 * within the gather time (paired drains of no-op jobs: waiting for the whole pool
	 * instead of half of it was faster in 7 of 8 pairs, median +7 %); longer ones end the
	 * wait at the gather time, which is small beside them. With no backlog (the last
	 * claim found fewer jobs than it wanted) nothing waits.
	 * @return whether the dispatcher waited and must look again
	 */
	private boolean gatheringWorkers(int free) throws InterruptedException {
		int wanted = Math.min(this.claimBatch, this.pool.size());
		if (!this.backlog || this.gatherNanos == 0 || free >= wanted) {
			this.gatherStartedAt = 0;
			return false;
		}
		long now = System.nanoTime();
		if (this.gatherStartedAt == 0) {
			this.gatherStartedAt = now;
		}
		long left = this.gatherStartedAt + this.gatherNanos - now;
		if (left <= 0) {
			this.gatherStartedAt = 0;
			return false;
		}
		this.wakeAtFree = wanted;
		try {
			// a worker freed before the threshold was set did not look at it
			if (this.pool.freeSlots() < wanted) {
				awaitNanos(left);
			}
		}
		finally {
			this.wakeAtFree = 1;
		}
		return true;
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
			return claimFromCursor(wanted, now);
		}
		List<ClaimedJob> claimed = this.transactions
			.execute((status) -> this.store.isPaused(this.queueName) ? List.of() : this.store.claim(this.queueName,
					wanted, this.nodeId, this.pool.workerId(), now, now.plus(this.leaseDuration)));
		return (claimed != null) ? claimed : List.of();
	}

	/**
	 * Claims from the cursor while it holds, then from the front for what the cursor's
	 * part of the queue could not give: a job behind the cursor (one another node's claim
	 * skipped and then gave back) is found when the backlog ends, at a wake-up or when
	 * the cursor is {@link Timing#claimCursorLifetime} old.
	 */
	private List<ClaimedJob> claimFromCursor(int wanted, Instant now) {
		if (this.frontChanged.getAndSet(false) || System.nanoTime() - this.cursorSetAt >= this.cursorLifetimeNanos) {
			this.cursor = null;
		}
		JobStore.ClaimKey from = this.cursor;
		JobStore.Claim claim = claimOnce(wanted, now, from);
		List<ClaimedJob> claimed = claim.jobs();
		JobStore.ClaimKey first = claim.first();
		boolean fromFront = from == null;
		if (!fromFront && claimed.size() < wanted) {
			JobStore.Claim front = claimOnce(wanted - claimed.size(), now, null);
			claimed = Stream.concat(front.jobs().stream(), claimed.stream()).toList();
			first = (front.first() != null) ? front.first() : first;
			fromFront = true;
		}
		if (fromFront) {
			this.cursorSetAt = System.nanoTime();
		}
		this.cursor = (claimed.size() == wanted) ? first : null;
		return claimed;
	}

	private JobStore.Claim claimOnce(int wanted, Instant now, JobStore.ClaimKey from) {
		return this.store.claimInOneStatement(this.queueName, wanted, this.nodeId, this.pool.workerId(), now,
				now.plus(this.leaseDuration), from);
	}

	private void await(Duration timeout) throws InterruptedException {
		if (awaitNanos(Math.max(timeout.toNanos(), 1_000_000L))) {
			// nobody said what changed while the dispatcher slept
			this.frontChanged.set(true);
		}
	}

	/**
	 * Sleeps until a wake-up or the timeout.
	 * @return whether the whole timeout passed without a wake-up (a permit left by an
	 * earlier wake-up also ends the sleep early, with nothing new to say)
	 */
	private boolean awaitNanos(long nanos) throws InterruptedException {
		if (this.woken.getAndSet(false)) {
			return false;
		}
		long start = System.nanoTime();
		if (this.running) {
			// a wake-up between the check and here leaves a permit: parkNanos returns at
			// once
			LockSupport.parkNanos(this, nanos);
		}
		boolean woken = this.woken.getAndSet(false);
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		return !woken && System.nanoTime() - start >= nanos;
	}

	/**
	 * How a dispatcher paces itself.
	 *
	 * @param pollInterval the longest sleep without a wake-up
	 * @param leaseDuration the lease a claimed job gets
	 * @param claimBatch the most jobs one claim takes
	 * @param claimGather how long a freed worker waits for others while the queue has a
	 * backlog
	 * @param claimCursorLifetime how long claims may start at the cursor without a
	 * wake-up (0: always at the front)
	 */
	record Timing(Duration pollInterval, Duration leaseDuration, int claimBatch, Duration claimGather,
			Duration claimCursorLifetime) {

	}

}
