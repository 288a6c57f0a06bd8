package dev.batchyard.scaling.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.scaling.ScalingAction;
import dev.batchyard.scaling.ScalingDecision;
import dev.batchyard.scaling.ScalingMetrics;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The executed decisions, in {@code scaling_decision}: the figures each was made on are
 * kept as a JSON object.
 *
 * @author Batchyard
 */
final class HistoryStore {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	HistoryStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(ScalingDecision decision) {
		this.jdbc
			.sql("INSERT INTO scaling_decision (queue_name, action, target_workers, current_workers, reason, metrics,"
					+ " executed_at) VALUES (:queue, :action, :target, :current, :reason, :metrics, :at)")
			.param("queue", decision.queueName(), Types.VARCHAR)
			.param("action", decision.action().name(), Types.VARCHAR)
			.param("target", decision.targetWorkers(), Types.INTEGER)
			.param("current", decision.currentWorkers(), Types.INTEGER)
			.param("reason", truncate(decision.reason()), Types.VARCHAR)
			.param("metrics", this.json.writeValueAsString(decision.metrics()), Types.VARCHAR)
			.param("at", PolicyStore.utc(decision.executedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	List<ScalingDecision> history(String queueName, int limit, Instant since) {
		String after = (since != null) ? " AND executed_at > :since" : "";
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("SELECT queue_name, action, target_workers, current_workers, reason, metrics, executed_at"
					+ " FROM scaling_decision WHERE queue_name = :queue" + after
					+ " ORDER BY executed_at DESC, id DESC LIMIT :limit")
			.param("queue", queueName, Types.VARCHAR)
			.param("limit", limit, Types.INTEGER);
		if (since != null) {
			statement = statement.param("since", PolicyStore.utc(since), Types.TIMESTAMP_WITH_TIMEZONE);
		}
		return statement.query((rs, row) -> decision(rs)).list();
	}

	/**
	 * When each queue's target last changed and last grew.
	 * @param queueName one queue, or {@code null} for all
	 * @return by queue: {last change, last scale-up (or null)}
	 */
	Map<String, Instant[]> lastChanges(String queueName) {
		Map<String, Instant[]> last = new HashMap<>();
		String one = (queueName != null) ? " WHERE queue_name = :queue" : "";
		JdbcClient.StatementSpec statement = this.jdbc.sql("SELECT queue_name, MAX(executed_at) AS changed,"
				+ " MAX(CASE WHEN action = 'SCALE_UP' THEN executed_at END) AS grown FROM scaling_decision" + one
				+ " GROUP BY queue_name");
		if (queueName != null) {
			statement = statement.param("queue", queueName, Types.VARCHAR);
		}
		statement.query((rs) -> {
			last.put(rs.getString("queue_name"), new Instant[] { instant(rs, "changed"), instant(rs, "grown") });
		});
		return last;
	}

	int prune(Instant before) {
		return this.jdbc.sql("DELETE FROM scaling_decision WHERE executed_at < :before")
			.param("before", PolicyStore.utc(before), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	private ScalingDecision decision(ResultSet rs) throws SQLException {
		String metrics = rs.getString("metrics");
		return new ScalingDecision(rs.getString("queue_name"), ScalingAction.valueOf(rs.getString("action")),
				rs.getInt("target_workers"), rs.getInt("current_workers"), rs.getString("reason"),
				(metrics != null) ? this.json.readValue(metrics, ScalingMetrics.class) : null, 0,
				rs.getObject("executed_at", OffsetDateTime.class).toInstant());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
		return (at != null) ? at.toInstant() : null;
	}

	private static String truncate(String reason) {
		return (reason.length() <= 1000) ? reason : reason.substring(0, 997) + "...";
	}

}
