package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wakes dispatchers when there is work: at once for a job enqueued on this node, at its
 * runAt for a delayed one, and on other nodes through PostgreSQL NOTIFY (sent inside the
 * enqueue transaction, so it arrives only when the job is visible). Without PostgreSQL,
 * other nodes find the work at their next poll.
 *
 * @author Batchyard
 */
class Wakeups implements AutoCloseable {

	static final String CHANNEL = "batchyard_jobs";

	private final Map<String, Dispatcher> dispatchers = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer;

	private final JdbcClient jdbc;

	private final boolean postgres;

	private final Clock clock;

	Wakeups(JdbcClient jdbc, boolean postgres, Clock clock, String nodeId) {
		this.jdbc = jdbc;
		this.postgres = postgres;
		this.clock = clock;
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

	/** Tells other nodes, when the transaction commits, that these queues have work. */
	void notifyOtherNodes(Collection<String> queueNames) {
		if (this.postgres) {
			queueNames
				.forEach((queue) -> this.jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, queue).query().rowSet());
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
	}

}
