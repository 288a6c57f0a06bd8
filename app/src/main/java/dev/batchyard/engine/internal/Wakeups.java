package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes dispatchers when there is work: at once for a job enqueued on this node, at its
 * runAt for a delayed one, and on other nodes through PostgreSQL NOTIFY. The NOTIFY is
 * not sent inside the enqueue transaction: it is queued after the transaction commits (so
 * it never announces a job other nodes cannot see yet), and one thread per node sends it
 * a few milliseconds later, one per queue for all the jobs enqueued meanwhile. Without
 * PostgreSQL, or when a NOTIFY fails, other nodes find the work at their next poll.
 *
 * @author Batchyard
 */
class Wakeups implements AutoCloseable {

	/**
	 * Reads pg_notify's one empty row and drops it: a row set (a CachedRowSetImpl) would
	 * load its resource bundle and throw away two warnings on every notification.
	 */
	private static final RowCallbackHandler NOTIFIED = (row) -> {
	};

	static final String CHANNEL = "batchyard_jobs";

	private static final long NOTIFY_IDLE_NANOS = 100_000_000L;

	/** At most one notification per queue per this interval: 2 ms of a 100 ms budget. */
	private static final long NOTIFY_COALESCE_NANOS = 2_000_000L;

	private final Map<String, Dispatcher> dispatchers = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer;

	private final JdbcClient jdbc;

	private final boolean postgres;

	private final Clock clock;

	private final Set<String> pendingNotifications = ConcurrentHashMap.newKeySet();

	private final Thread notifier;

	Wakeups(JdbcClient jdbc, boolean postgres, Clock clock, String nodeId) {
		this.jdbc = jdbc;
		this.postgres = postgres;
		this.clock = clock;
		this.notifier = postgres
				? Thread.ofPlatform().name("notify@" + nodeId).daemon(true).start(this::sendNotifications) : null;
		this.timer = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("wakeups@" + nodeId).daemon(true).factory());
	}

	void register(Dispatcher dispatcher) {
		this.dispatchers.put(dispatcher.queueName(), dispatcher);
	}

	void unregisterAll() {
		this.dispatchers.clear();
	}

	/** A job of this queue was enqueued (or rescheduled) on this node. */
	void enqueued(String queueName, Instant runAt) {
		Duration wait = Duration.between(this.clock.instant(), runAt);
		if (wait.isNegative() || wait.isZero()) {
			wake(queueName);
		}
		else {
			this.timer.schedule(() -> wake(queueName), wait.toMillis() + 1, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Tells other nodes that these queues have work, once the caller's transaction (if
	 * any) has committed. Notifications are sent by one thread per node, a few
	 * milliseconds later at most, one per queue however many jobs came meanwhile: an
	 * enqueue pays no extra round trip for them.
	 */
	void notifyOtherNodes(Collection<String> queueNames) {
		if (!this.postgres) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					toNotify(queueNames);
				}

			});
		}
		else {
			toNotify(queueNames);
		}
	}

	private void toNotify(Collection<String> queueNames) {
		this.pendingNotifications.addAll(queueNames);
		LockSupport.unpark(this.notifier);
	}

	private void sendNotifications() {
		while (!Thread.currentThread().isInterrupted()) {
			if (this.pendingNotifications.isEmpty()) {
				LockSupport.parkNanos(NOTIFY_IDLE_NANOS);
				continue;
			}
			for (String queue : List.copyOf(this.pendingNotifications)) {
				this.pendingNotifications.remove(queue);
				try {
					this.jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, queue).query(NOTIFIED);
				}
				catch (RuntimeException ex) {
					// other nodes find the work at their next poll
				}
			}
			// gather what comes in the next moment into one notification per queue: a
			// sleep, not a park, which every enqueue's unpark would cut short (it did:
			// one NOTIFY per enqueue)
			try {
				Thread.sleep(Duration.ofNanos(NOTIFY_COALESCE_NANOS));
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	void wake(String queueName) {
		Dispatcher dispatcher = this.dispatchers.get(queueName);
		if (dispatcher != null) {
			dispatcher.wake();
		}
	}

	void wakeAll() {
		this.dispatchers.values().forEach(Dispatcher::wake);
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		if (this.notifier != null) {
			this.notifier.interrupt();
		}
	}

}
