package dev.batchyard.engine.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What other nodes hear of enqueues on PostgreSQL: during a burst of enqueues at most one
 * NOTIFY per queue every 2 ms, not one per job (every NOTIFY is a statement and a round
 * trip of its own).
 */
class NotifyIntegrationTests {

	private static final int JOBS = 200;

	private Node node;

	@AfterEach
	void stopNode() {
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	void aBurstOfEnqueuesIsAnnouncedInAFewNotificationsThatNameItsQueue() throws Exception {
		String url = TestServers.freshPostgresDatabase("notify_burst");
		this.node = Node.start("node-a", url, "batchyard.node.queues=analytics-events");
		Jobs jobs = this.node.bean(Jobs.class);
		try (Connection listener = DriverManager.getConnection(url, "postgres", "postgres")) {
			listen(listener);

			long started = System.nanoTime();
			for (int i = 0; i < JOBS; i++) {
				jobs.enqueue(EnqueueRequest.of("probe", "{}").onQueue("default"));
			}
			long burstMillis = (System.nanoTime() - started) / 1_000_000;

			int heard = 0;
			long deadline = System.currentTimeMillis() + 1000;
			while (System.currentTimeMillis() < deadline) {
				PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(100);
				if (notifications != null) {
					for (PGNotification notification : notifications) {
						assertThat(notification.getParameter()).isEqualTo("default");
						heard++;
					}
				}
			}
			// at most one per 2 ms while the burst lasts (and one after it), where one
			// per
			// enqueue would be 200
			assertThat(heard).isPositive().isLessThan(JOBS).isLessThanOrEqualTo((int) (burstMillis / 2) + 5);
		}
	}

	private static void listen(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("LISTEN " + Wakeups.CHANNEL);
		}
	}

}
