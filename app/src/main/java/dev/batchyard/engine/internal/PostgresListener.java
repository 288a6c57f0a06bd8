package dev.batchyard.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.context.SmartLifecycle;

/**
 * Listens on PostgreSQL's {@code batchyard_jobs} channel and wakes the dispatcher of the
 * queue named in each notification, so a job enqueued on another node starts here within
 * milliseconds instead of at the next poll. Holds one connection of the pool; when it
 * breaks it reconnects, and polling covers the gap.
 *
 * @author Batchyard
 */
class PostgresListener implements SmartLifecycle, Runnable {

	private static final Log logger = LogFactory.getLog(PostgresListener.class);

	private static final int WAIT_MS = 500;

	private final DataSource dataSource;

	private final Wakeups wakeups;

	private final String nodeId;

	private volatile boolean running;

	private Thread thread;

	PostgresListener(DataSource dataSource, Wakeups wakeups, String nodeId) {
		this.dataSource = dataSource;
		this.wakeups = wakeups;
		this.nodeId = nodeId;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().name("listen@" + this.nodeId).daemon(true).start(this);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.thread != null) {
			// let it give its connection back before the pool closes (it waits WAIT_MS at
			// most)
			try {
				this.thread.join(2 * WAIT_MS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void run() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				try {
					listen(connection);
				}
				finally {
					unlisten(connection);
				}
			}
			catch (SQLException ex) {
				if (this.running) {
					logger.warn("Lost the LISTEN connection; dispatchers poll until it is back: " + ex.getMessage());
					pause();
				}
			}
		}
	}

	private void listen(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("LISTEN " + Wakeups.CHANNEL);
		}
		PGConnection postgres = connection.unwrap(PGConnection.class);
		logger.info("Node " + this.nodeId + " listens on " + Wakeups.CHANNEL + " for jobs enqueued on other nodes");
		while (this.running) {
			PGNotification[] notifications = postgres.getNotifications(WAIT_MS);
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					this.wakeups.wake(notification.getParameter());
				}
			}
		}
	}

	/**
	 * The connection goes back to the pool: it must not keep collecting notifications.
	 */
	private static void unlisten(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.execute("UNLISTEN *");
		}
		catch (SQLException ex) {
			// a broken connection is evicted by the pool anyway
		}
	}

	private void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
