package dev.batchyard.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log of admin changes, kept in {@code audit_log}: who, what, when, with which
 * arguments, and how it ended.
 *
 * @author Batchyard
 */
@Component
class AuditTrail {

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(String actor, String operation, String arguments, String outcome) {
		this.jdbc.sql("INSERT INTO audit_log (actor, operation, arguments, at, outcome) VALUES (?, ?, ?, ?, ?)")
			.params(truncate(actor, 200), truncate(operation, 200), arguments,
					this.clock.instant().atOffset(ZoneOffset.UTC), truncate(outcome, 200))
			.update();
	}

	List<AuditEntry> entries(int limit, Instant since) {
		return this.jdbc
			.sql("SELECT id, actor, operation, arguments, at, outcome FROM audit_log WHERE at >= ?"
					+ " ORDER BY at DESC, id DESC LIMIT ?")
			.params(((since != null) ? since : Instant.EPOCH).atOffset(ZoneOffset.UTC), limit)
			.query(AuditTrail::entry)
			.list();
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6));
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

	/**
	 * One admin change.
	 *
	 * @param id the entry's id
	 * @param actor who
	 * @param operation the mutation fields, e.g. {@code pauseQueue}
	 * @param arguments the mutation document and its variables
	 * @param at when
	 * @param outcome {@code OK}, or the error codes it ended with
	 */
	record AuditEntry(long id, String actor, String operation, String arguments, Instant at, String outcome) {

	}

}
