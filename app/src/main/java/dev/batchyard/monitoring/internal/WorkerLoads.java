package dev.batchyard.monitoring.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.engine.Workers;
import dev.batchyard.monitoring.WorkerLoad;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The worker pools of every node: each node reports its own ({@link Workers}) into
 * {@code worker_load} at every counts refresh, and reads everyone's. A node that stopped
 * reporting for {@code staleAfter} is left out (and its rows deleted by the monitoring
 * run).
 *
 * @author Batchyard
 */
public final class WorkerLoads {

	private final JdbcClient jdbc;

	private final Workers workers;

	private final Clock clock;

	private final Duration staleAfter;

	public WorkerLoads(JdbcClient jdbc, Workers workers, Clock clock, Duration staleAfter) {
		this.jdbc = jdbc;
		this.workers = workers;
		this.clock = clock;
		this.staleAfter = staleAfter;
	}

	/** Writes this node's pools. */
	public void report() {
		Instant now = this.clock.instant();
		for (Workers.Worker worker : this.workers.workers()) {
			String node = nodeOf(worker.workerId());
			int updated = this.jdbc
				.sql("UPDATE worker_load SET worker_id = :worker, size = :size, busy = :busy, updated_at = :now"
						+ " WHERE node_id = :node AND queue_name = :queue")
				.param("worker", worker.workerId())
				.param("size", worker.size())
				.param("busy", worker.busy())
				.param("now", Times.sql(now), Types.TIMESTAMP_WITH_TIMEZONE)
				.param("node", node)
				.param("queue", worker.queueName())
				.update();
			if (updated == 0) {
				this.jdbc
					.sql("INSERT INTO worker_load (node_id, queue_name, worker_id, size, busy, updated_at)"
							+ " VALUES (:node, :queue, :worker, :size, :busy, :now)")
					.param("node", node)
					.param("queue", worker.queueName())
					.param("worker", worker.workerId())
					.param("size", worker.size())
					.param("busy", worker.busy())
					.param("now", Times.sql(now), Types.TIMESTAMP_WITH_TIMEZONE)
					.update();
			}
		}
	}

	/**
	 * The pools of every node that reported lately, by queue.
	 * @return the pools
	 */
	public Map<String, List<WorkerLoad>> all() {
		Map<String, List<WorkerLoad>> byQueue = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT node_id, queue_name, worker_id, size, busy FROM worker_load WHERE updated_at >= :since"
					+ " ORDER BY queue_name, node_id")
			.param("since", Times.sql(this.clock.instant().minus(this.staleAfter)), Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs) -> {
				byQueue.computeIfAbsent(rs.getString("queue_name"), (queue) -> new ArrayList<>())
					.add(new WorkerLoad(rs.getString("node_id"), rs.getString("worker_id"), rs.getInt("size"),
							rs.getInt("busy")));
			});
		return byQueue;
	}

	/**
	 * Deletes the rows of nodes silent for an hour.
	 * @return rows deleted
	 */
	public int prune() {
		return this.jdbc.sql("DELETE FROM worker_load WHERE updated_at < :before")
			.param("before", Times.sql(this.clock.instant().minus(Duration.ofHours(1))), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	/** {@code <queue>@<node>#<generation>} to the node. */
	static String nodeOf(String workerId) {
		int at = workerId.indexOf('@');
		int hash = workerId.lastIndexOf('#');
		return workerId.substring(at + 1, (hash > at) ? hash : workerId.length());
	}

}
