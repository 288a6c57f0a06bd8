package dev.batchyard.monitoring.internal;

import java.sql.Types;
import java.time.Instant;
import java.util.List;

import dev.batchyard.monitoring.QueueMetrics;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The metric history ({@code metric_snapshot}): one row per queue and interval, keyed by
 * the interval's start.
 *
 * @author Batchyard
 */
public final class SnapshotStore {

	private final JdbcClient jdbc;

	public SnapshotStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the interval starting at {@code slot} has its snapshot already. */
	public boolean captured(Instant slot) {
		return this.jdbc.sql("SELECT COUNT(*) FROM metric_snapshot WHERE captured_at = :slot")
			.param("slot", Times.sql(slot), Types.TIMESTAMP_WITH_TIMEZONE)
			.query(Long.class)
			.single() > 0;
	}

	public void insert(List<QueueMetrics> metrics, Instant slot) {
		for (QueueMetrics m : metrics) {
			this.jdbc.sql("INSERT INTO metric_snapshot (queue_name, captured_at, waiting, delayed, active, completed,"
					+ " failed, jobs_per_minute, error_rate, timeout_rate, avg_processing_ms, p50_processing_ms,"
					+ " p95_processing_ms, p99_processing_ms, oldest_waiting_ms, workers, busy_workers, heap_used_mb,"
					+ " rss_mb) VALUES (:queue, :slot, :waiting, :delayed, :active, :completed, :failed, :jpm, :error,"
					+ " :timeout, :avg, :p50, :p95, :p99, :oldest, :workers, :busy, :memory, 0)")
				.param("queue", m.queueName())
				.param("slot", Times.sql(slot), Types.TIMESTAMP_WITH_TIMEZONE)
				.param("waiting", m.waiting())
				.param("delayed", m.delayed())
				.param("active", m.active())
				.param("completed", m.completed())
				.param("failed", m.failed())
				.param("jpm", m.jobsPerMinute())
				.param("error", m.errorRate())
				.param("timeout", m.timeoutRate())
				.param("avg", m.avgProcessingTimeMs())
				.param("p50", m.p50ProcessingTimeMs())
				.param("p95", m.p95ProcessingTimeMs())
				.param("p99", m.p99ProcessingTimeMs())
				.param("oldest", m.oldestWaitingMs())
				.param("workers", m.poolSize())
				.param("busy", m.busyWorkers())
				.param("memory", m.memoryUsageMB())
				.update();
		}
	}

	/** A queue's latest snapshots, newest first. */
	public List<QueueMetrics> history(String queueName, int limit) {
		return this.jdbc
			.sql("SELECT * FROM metric_snapshot WHERE queue_name = :queue ORDER BY captured_at DESC LIMIT " + limit)
			.param("queue", queueName)
			.query((rs, row) -> new QueueMetrics(rs.getString("queue_name"), rs.getLong("waiting"),
					rs.getLong("active"), rs.getLong("delayed"), rs.getLong("failed"), rs.getLong("completed"),
					rs.getDouble("jobs_per_minute"), rs.getDouble("error_rate"), rs.getDouble("timeout_rate"),
					rs.getDouble("avg_processing_ms"), rs.getDouble("p50_processing_ms"),
					rs.getDouble("p95_processing_ms"), rs.getDouble("p99_processing_ms"),
					rs.getLong("oldest_waiting_ms"), rs.getDouble("heap_used_mb"), 0, rs.getInt("workers"),
					rs.getInt("busy_workers"), List.of(), Times.instant(rs, "captured_at")))
			.list();
	}

	/** Deletes snapshots taken before the given time. */
	public int prune(Instant before) {
		return this.jdbc.sql("DELETE FROM metric_snapshot WHERE captured_at < :before")
			.param("before", Times.sql(before), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

}
