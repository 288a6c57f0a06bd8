package dev.batchyard.monitoring.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.batchyard.engine.JobState;
import dev.batchyard.engine.JobStateChanged;
import dev.batchyard.monitoring.AlertChanged;
import dev.batchyard.monitoring.LiveEvents;
import dev.batchyard.monitoring.QueueHealthChanged;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link LiveEvents} across the cluster through PostgreSQL's {@code batchyard_events}
 * channel, the way the engine's wake-ups travel: one thread per node
 * ({@code events-listen@<node>}) holds one pooled connection that LISTENs (reconnecting
 * when it breaks), another ({@code events-notify@<node>}) sends what this node has to
 * tell every {@value #SEND_EVERY_MS} ms, packed into as few NOTIFY payloads as fit (8000
 * bytes each).
 * <p>
 * Job events are many (two per job), so a node sends its own only while some node wants
 * them: a node with a job listener says so on the channel every {@value #WANTED_EVERY_MS}
 * ms, and the others send for three times as long after each such message. Alert and
 * health changes are few and always sent. Without PostgreSQL the bus only delivers this
 * node's events.
 *
 * @author Batchyard
 */
public final class ClusterEventBus implements LiveEvents {

	/**
	 * Reads pg_notify's one empty row and drops it: a row set (a CachedRowSetImpl) would
	 * load its resource bundle and throw away two warnings on every notification.
	 */
	private static final RowCallbackHandler NOTIFIED = (row) -> {
	};

	static final String CHANNEL = "batchyard_events";

	static final long SEND_EVERY_MS = 50;

	static final long WANTED_EVERY_MS = 5000;

	private static final int PAYLOAD_LIMIT = 7500;

	private static final Log logger = LogFactory.getLog(ClusterEventBus.class);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final String nodeId;

	private final boolean postgres;

	private final List<Consumer<JobStateChanged>> jobListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<AlertChanged>> alertListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<QueueHealthChanged>> healthListeners = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<String> outgoing = new ConcurrentLinkedQueue<>();

	/** {@link System#nanoTime()} until which other nodes want this node's job events. */
	private volatile long othersWantJobsUntil = System.nanoTime();

	private volatile boolean running;

	private final List<Thread> threads = new ArrayList<>();

	public ClusterEventBus(DataSource dataSource, JdbcClient jdbc, JsonMapper json, String nodeId, boolean postgres) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.json = json;
		this.nodeId = nodeId;
		this.postgres = postgres;
	}

	@Override
	public Subscription onJobEvent(Consumer<JobStateChanged> listener) {
		this.jobListeners.add(listener);
		if (this.postgres) {
			this.outgoing.add(wanted());
		}
		return () -> this.jobListeners.remove(listener);
	}

	@Override
	public Subscription onAlertChanged(Consumer<AlertChanged> listener) {
		this.alertListeners.add(listener);
		return () -> this.alertListeners.remove(listener);
	}

	@Override
	public Subscription onQueueHealthChanged(Consumer<QueueHealthChanged> listener) {
		this.healthListeners.add(listener);
		return () -> this.healthListeners.remove(listener);
	}

	@EventListener
	void jobChanged(JobStateChanged event) {
		deliver(this.jobListeners, event);
		if (this.postgres && System.nanoTime() - this.othersWantJobsUntil < 0) {
			this.outgoing.add("[" + event.jobId() + "," + quote(event.queueName()) + "," + quote(event.type()) + ","
					+ quote(event.state().name()) + "," + event.at().toEpochMilli() + "]");
		}
	}

	@EventListener
	void alertChanged(AlertChanged event) {
		deliver(this.alertListeners, event);
		if (this.postgres) {
			this.outgoing.add("{\"a\":" + this.json.writeValueAsString(event) + "}");
		}
	}

	@EventListener
	void healthChanged(QueueHealthChanged event) {
		deliver(this.healthListeners, event);
		if (this.postgres) {
			this.outgoing.add("{\"h\":" + this.json.writeValueAsString(event) + "}");
		}
	}

	private String wanted() {
		return "{\"w\":1}";
	}

	private static <T> void deliver(List<Consumer<T>> listeners, T event) {
		for (Consumer<T> listener : listeners) {
			try {
				listener.accept(event);
			}
			catch (RuntimeException ex) {
				logger.debug("A live event listener failed", ex);
			}
		}
	}

	/** Starts the listening and sending threads (PostgreSQL only). */
	public void start() {
		if (!this.postgres) {
			return;
		}
		this.running = true;
		this.threads.add(Thread.ofPlatform().name("events-listen@" + this.nodeId).daemon(true).start(this::listen));
		this.threads.add(Thread.ofPlatform().name("events-notify@" + this.nodeId).daemon(true).start(this::send));
	}

	public void stop() {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.interrupt();
			try {
				thread.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void send() {
		long lastWanted = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(WANTED_EVERY_MS);
		while (this.running) {
			try {
				long now = System.nanoTime();
				if (!this.jobListeners.isEmpty()
						&& now - lastWanted >= TimeUnit.MILLISECONDS.toNanos(WANTED_EVERY_MS)) {
					this.outgoing.add(wanted());
					lastWanted = now;
				}
				flush();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not send live events to other nodes: " + ex.getMessage());
			}
			try {
				Thread.sleep(SEND_EVERY_MS);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Sends what is queued, as few payloads as fit. */
	void flush() {
		StringBuilder payload = new StringBuilder();
		String item;
		while ((item = this.outgoing.poll()) != null) {
			if (payload.length() > 0 && payload.length() + item.length() + 2 > PAYLOAD_LIMIT) {
				notify(payload);
				payload.setLength(0);
			}
			payload.append((payload.length() == 0) ? "" : ",").append(item);
		}
		if (payload.length() > 0) {
			notify(payload);
		}
	}

	private void notify(StringBuilder items) {
		String payload = "{\"n\":" + quote(this.nodeId) + ",\"e\":[" + items + "]}";
		this.jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, payload).query(NOTIFIED);
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				try {
					PGConnection postgres = connection.unwrap(PGConnection.class);
					while (this.running) {
						PGNotification[] notifications = postgres.getNotifications(500);
						if (notifications != null) {
							for (PGNotification notification : notifications) {
								received(notification.getParameter());
							}
						}
					}
				}
				finally {
					try (Statement statement = connection.createStatement()) {
						statement.execute("UNLISTEN *");
					}
					catch (SQLException ex) {
						// a broken connection is evicted by the pool anyway
					}
				}
			}
			catch (SQLException ex) {
				if (this.running) {
					logger.warn("Lost the live events connection; other nodes' events are missed until it is back: "
							+ ex.getMessage());
					try {
						Thread.sleep(1000);
					}
					catch (InterruptedException interrupted) {
						return;
					}
				}
			}
		}
	}

	/** Handles a payload from the channel: other nodes' events go to the listeners. */
	void received(String payload) {
		try {
			JsonNode message = this.json.readTree(payload);
			if (this.nodeId.equals(message.path("n").asString())) {
				return;
			}
			for (JsonNode item : message.path("e")) {
				if (item.isArray()) {
					deliver(this.jobListeners,
							new JobStateChanged(item.get(0).asLong(), item.get(1).asString(), item.get(2).asString(),
									JobState.valueOf(item.get(3).asString()),
									Instant.ofEpochMilli(item.get(4).asLong())));
				}
				else if (item.has("w")) {
					this.othersWantJobsUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * WANTED_EVERY_MS);
				}
				else if (item.has("a")) {
					deliver(this.alertListeners, this.json.treeToValue(item.get("a"), AlertChanged.class));
				}
				else if (item.has("h")) {
					deliver(this.healthListeners, this.json.treeToValue(item.get("h"), QueueHealthChanged.class));
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Ignored a live event payload that could not be read: " + ex.getMessage());
		}
	}

	private String quote(String value) {
		return this.json.writeValueAsString(value);
	}

}
