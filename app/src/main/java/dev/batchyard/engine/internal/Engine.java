package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.catalog.QueueNotFoundException;
import dev.batchyard.engine.EngineProperties;
import dev.batchyard.engine.InvalidJobRequestException;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.WorkerNotFoundException;
import dev.batchyard.engine.WorkerRecycled;
import dev.batchyard.engine.Workers;
import dev.batchyard.engine.internal.RunningAttempts.Attempt;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine of one node: a worker pool and a dispatcher for every queue it serves, and
 * the housekeeping that keeps the cluster safe — heartbeat and lease renewal, rescue of
 * jobs whose node died, stopping jobs cancelled elsewhere.
 * <p>
 * A graceful stop claims nothing more, lets running jobs finish for up to
 * {@code batchyard.engine.shutdown-timeout}, then hands the rest back to {@code waiting}
 * without spending their attempt (and interrupts them). A recycle does the same for one
 * pool's retired generation, with its own grace, and then starts the next generation.
 *
 * @author Batchyard
 */
class Engine implements SmartLifecycle, Workers {

	private static final Log logger = LogFactory.getLog(Engine.class);

	private static final int MAX_WORKERS = 50;

	private final QueueCatalog catalog;

	private final NodeIdentity node;

	private final JobEvents events;

	private final JobStore store;

	private final TransactionTemplate transactions;

	private final JobRunner runner;

	private final RunningAttempts running;

	private final Wakeups wakeups;

	private final CompletionWriter completions;

	private final LimiterGate limiterGate;

	private final DispatchFaults faults;

	private final EngineProperties properties;

	private final Clock clock;

	private final List<Dispatcher> dispatchers = new ArrayList<>();

	private ScheduledExecutorService housekeeping;

	private volatile boolean started;

	Engine(QueueCatalog catalog, NodeIdentity node, Collaborators collaborators, EngineProperties properties,
			Clock clock) {
		this.catalog = catalog;
		this.node = node;
		this.store = collaborators.store();
		this.transactions = collaborators.transactions();
		this.runner = collaborators.runner();
		this.running = collaborators.running();
		this.wakeups = collaborators.wakeups();
		this.completions = collaborators.completions();
		this.limiterGate = collaborators.limiterGate();
		this.faults = collaborators.faults();
		this.events = collaborators.events();
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		heartbeat();
		Dispatcher.Timing timing = new Dispatcher.Timing(this.properties.pollInterval(),
				this.properties.leaseDuration(), this.properties.claimBatch(), this.properties.claimGather(),
				this.properties.claimCursorLifetime());
		for (QueueDefinition queue : this.catalog.queues()) {
			if (this.node.serves(queue.name())) {
				Dispatcher dispatcher = dispatcher(queue, timing);
				this.dispatchers.add(dispatcher);
				this.wakeups.register(dispatcher);
				dispatcher.start();
			}
		}
		this.housekeeping = Executors.newScheduledThreadPool(1,
				Thread.ofPlatform().name("housekeeping@" + this.node.id()).daemon(true).factory());
		every(this.properties.leaseRenewInterval().toMillis(), this::heartbeat);
		every(this.properties.rescueInterval().toMillis(), this::rescue);
		every(this.properties.stopCheckInterval().toMillis(), this::stopJobsLostElsewhere);
		every(this.properties.leaseRenewInterval().toMillis(), this::reviveDispatchers);
		this.started = true;
		logger.info("Node " + this.node.id() + " serves " + this.dispatchers.size() + " queues");
	}

	private Dispatcher dispatcher(QueueDefinition queue, Dispatcher.Timing timing) {
		AtomicReference<Dispatcher> self = new AtomicReference<>();
		WorkerPool pool = new WorkerPool(queue.name(), this.node.id(), 1, queue.concurrency(),
				this.properties.threadsOf(queue), () -> self.get().workerFreed(), now());
		Dispatcher dispatcher = new Dispatcher(queue.name(), pool, this.store, this.transactions, this.runner::run,
				this.limiterGate, this.clock, timing, this.node.id(), this.faults);
		self.set(dispatcher);
		return dispatcher;
	}

	@Override
	public synchronized void stop() {
		if (!this.started) {
			return;
		}
		this.started = false;
		try {
			for (Dispatcher dispatcher : this.dispatchers) {
				dispatcher.stop();
			}
			this.wakeups.unregisterAll();
			this.dispatchers.forEach((dispatcher) -> dispatcher.pool().shutdown());
			awaitRunningJobs();
			// completions still queued must be written first, or they would be handed
			// back
			this.completions.flush(5000);
			handBack(this.running.all());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			handBack(this.running.all());
		}
		finally {
			this.dispatchers.forEach((dispatcher) -> dispatcher.pool().shutdownNow());
			this.dispatchers.clear();
			this.housekeeping.shutdownNow();
			this.transactions.executeWithoutResult((status) -> this.store.nodeStopped(this.node.id(), now()));
		}
	}

	/** Kills this node's engine as a crash would: nothing is handed back. For tests. */
	synchronized void halt() {
		this.started = false;
		this.housekeeping.shutdownNow();
		for (Dispatcher dispatcher : this.dispatchers) {
			try {
				dispatcher.stop();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.running.all().forEach(Attempt::handBack);
		this.dispatchers.forEach((dispatcher) -> dispatcher.pool().shutdownNow());
		this.dispatchers.clear();
	}

	@Override
	public String nodeId() {
		return this.node.id();
	}

	@Override
	public synchronized List<Worker> workers() {
		return this.dispatchers.stream().map(Dispatcher::describe).toList();
	}

	@Override
	public synchronized void resize(String queueName, int size) {
		if (size < 1 || size > MAX_WORKERS) {
			throw new InvalidJobRequestException("size",
					"a pool needs between 1 and " + MAX_WORKERS + " workers (was " + size + ")");
		}
		Dispatcher dispatcher = this.dispatchers.stream()
			.filter((candidate) -> candidate.queueName().equals(queueName))
			.findFirst()
			.orElseThrow(() -> new QueueNotFoundException(queueName));
		dispatcher.pool().resize(size);
		dispatcher.wake();
	}

	@Override
	public synchronized List<WorkerGeneration> generations() {
		return this.dispatchers.stream().map((dispatcher) -> dispatcher.pool().generation()).toList();
	}

	@Override
	public boolean recycle(String workerId, String reason, Duration grace) {
		Dispatcher dispatcher;
		WorkerPool.Generation retired;
		synchronized (this) {
			dispatcher = this.dispatchers.stream()
				.filter((candidate) -> candidate.pool().workerId().equals(workerId))
				.findFirst()
				.orElseThrow(() -> new WorkerNotFoundException(workerId, this.node.id()));
			retired = dispatcher.pool().retire();
		}
		if (retired == null) {
			return false;
		}
		logger.info("Recycling worker " + workerId + " (" + reason + "), grace " + grace.toMillis() + " ms");
		Thread.ofPlatform()
			.name("recycle-" + workerId)
			.daemon(true)
			.start(() -> finishRecycle(dispatcher, retired, reason, grace));
		return true;
	}

	/**
	 * The rest of a recycle, on a thread of its own: waits up to the grace for the
	 * retired generation's jobs, hands back the ones still running as a graceful stop
	 * does, then starts the next generation. Whatever fails on the way, the next
	 * generation is started, or the queue would stay unserved on this node.
	 */
	private void finishRecycle(Dispatcher dispatcher, WorkerPool.Generation retired, String reason, Duration grace) {
		int handedBack = 0;
		try {
			if (!retired.awaitTermination(grace.toMillis())) {
				List<Attempt> unfinished = this.running.all()
					.stream()
					.filter((attempt) -> retired.owns(attempt.thread()))
					.toList();
				handedBack = handBack(unfinished);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.error("Recycling worker " + retired.workerId() + " could not hand its jobs back; their leases"
					+ " expire and another node rescues them", ex);
		}
		finally {
			retired.shutdownNow();
		}
		String next;
		synchronized (this) {
			if (!this.started) {
				return;
			}
			next = dispatcher.pool().startNext(retired, now());
		}
		dispatcher.wake();
		logger.info("Worker " + retired.workerId() + " recycled (" + reason + "): " + next + " is active, "
				+ retired.processed() + " jobs processed, " + handedBack + " handed back");
		this.events.recycled(new WorkerRecycled(retired.workerId(), next, dispatcher.queueName(), reason,
				retired.processed(), handedBack, now()));
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	List<Dispatcher> dispatchers() {
		return List.copyOf(this.dispatchers);
	}

	NodeIdentity node() {
		return this.node;
	}

	private void awaitRunningJobs() throws InterruptedException {
		long deadline = System.nanoTime() + this.properties.shutdownTimeout().toNanos();
		for (Dispatcher dispatcher : this.dispatchers) {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0 || !dispatcher.pool().awaitTermination(left)) {
				return;
			}
		}
	}

	/**
	 * Hands unfinished attempts back to {@code waiting} without spending their attempt,
	 * and interrupts them: what a graceful stop and a recycle do past their grace.
	 * @return how many rows were handed back
	 */
	private int handBack(List<Attempt> unfinished) {
		if (unfinished.isEmpty()) {
			return 0;
		}
		unfinished.forEach(Attempt::handBack);
		List<Long> ids = unfinished.stream().map((attempt) -> attempt.job().id()).toList();
		Integer handedBack = this.transactions.execute((status) -> this.store.handBack(this.node.id(), ids));
		logger.info("Node " + this.node.id() + " handed " + handedBack + " unfinished jobs back to waiting");
		Instant now = now();
		unfinished.forEach((attempt) -> this.events.changed(attempt.job().id(), attempt.job().queueName(),
				attempt.job().type(), JobState.WAITING, now));
		this.wakeups.wakeAll();
		return (handedBack != null) ? handedBack : 0;
	}

	private void heartbeat() {
		Instant now = now();
		this.transactions.executeWithoutResult((status) -> this.store.heartbeat(this.node.id(), this.node.host(),
				String.join(",", this.node.queues()), this.node.startedAt(), now));
		// a lease left alone now still has at least one renewal interval to run at the
		// next renewal; most jobs finish before their lease is ever renewed
		Instant dueBefore = now.plus(this.properties.leaseRenewInterval().multipliedBy(2));
		this.store.renewLeases(this.node.id(), leasedHere(), dueBefore, now.plus(this.properties.leaseDuration()));
	}

	/**
	 * The jobs whose leases this node renews: those running here and those whose
	 * completion is not written yet. Not every active row with this node's id: a row
	 * whose completion could not be written must lose its lease so another node rescues
	 * it.
	 */
	private Set<Long> leasedHere() {
		Set<Long> ids = new HashSet<>(this.running.jobIds());
		ids.addAll(this.completions.pendingJobIds());
		return ids;
	}

	private void rescue() {
		Instant now = now();
		List<JobStore.Rescued> rescued = this.transactions.execute((status) -> this.store.rescueExpired(now, 100));
		if (rescued != null && !rescued.isEmpty()) {
			logger.warn("Rescued " + rescued.size() + " jobs whose node stopped renewing their lease");
			rescued.forEach((job) -> this.events.changed(job.id(), job.queueName(), job.type(), job.state(), now));
			this.wakeups.wakeAll();
		}
	}

	/** A dispatcher whose thread died anyway is started again (and counted). */
	private synchronized void reviveDispatchers() {
		this.dispatchers.forEach(Dispatcher::revive);
	}

	private void stopJobsLostElsewhere() {
		if (this.running.count() == 0) {
			return;
		}
		this.store.notOwned(this.node.id(), this.running.jobIds()).forEach(this.running::stop);
	}

	private void every(long millis, Runnable task) {
		this.housekeeping.scheduleWithFixedDelay(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Housekeeping on " + this.node.id() + " failed; next run in " + millis + " ms: "
						+ ex.getMessage());
			}
		}, millis, millis, TimeUnit.MILLISECONDS);
	}

	private Instant now() {
		return this.clock.instant();
	}

	/**
	 * What the engine works with.
	 *
	 * @param store the job table
	 * @param transactions transactions on it
	 * @param runner runs claimed jobs
	 * @param running the attempts running on this node
	 * @param wakeups dispatcher wake-ups
	 * @param completions where completed attempts are written
	 * @param limiterGate whether a queue's rate limiters are closed
	 * @param faults where dispatcher faults are counted
	 * @param events where state changes are published
	 */
	record Collaborators(JobStore store, TransactionTemplate transactions, JobRunner runner, RunningAttempts running,
			Wakeups wakeups, CompletionWriter completions, LimiterGate limiterGate, DispatchFaults faults,
			JobEvents events) {

	}

}
