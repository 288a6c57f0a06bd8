package dev.batchyard.engine;

import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The runtime state of queues kept in {@code queue_state}, shared by every node through
 * the database.
 *
 * @author Batchyard
 */
@Component
public class QueueStates {

	private final JdbcClient jdbc;

	QueueStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The names of the queues that are paused now. */
	public Set<String> pausedQueues() {
		return new HashSet<>(
				this.jdbc.sql("SELECT queue_name FROM queue_state WHERE paused = TRUE").query(String.class).list());
	}

}
