package dev.batchyard.schema;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rows for the schema tests, written with the same plain SQL on H2 and PostgreSQL.
 *
 * @author Batchyard
 */
final class SchemaFixtures {

	private SchemaFixtures() {
	}

	static long insertJob(JdbcTemplate jdbc, String queue, String state, int priority, OffsetDateTime runAt,
			String dedupeKey) {
		return insertJob(jdbc, queue, "send-email", state, priority, runAt, runAt, dedupeKey);
	}

	static long insertJob(JdbcTemplate jdbc, String queue, String type, String state, int priority,
			OffsetDateTime runAt, OffsetDateTime createdAt, String dedupeKey) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.update((connection) -> {
			PreparedStatement insert = connection.prepareStatement(
					"INSERT INTO job (queue_name, type, state, priority, payload, run_at, created_at, dedupe_key) "
							+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
					new String[] { "id" });
			insert.setString(1, queue);
			insert.setString(2, type);
			insert.setString(3, state);
			insert.setInt(4, priority);
			insert.setString(5, "{\"to\":\"someone@example.com\"}");
			insert.setObject(6, runAt);
			insert.setObject(7, createdAt);
			insert.setString(8, dedupeKey);
			return insert;
		}, keys);
		return keys.getKey().longValue();
	}

	static void complete(JdbcTemplate jdbc, long id, OffsetDateTime finishedAt, long durationMs) {
		jdbc.update(
				"UPDATE job SET state = 'completed', started_at = ?, finished_at = ?, result = ?,"
						+ " duration_ms = ? WHERE id = ?",
				finishedAt.minusNanos(durationMs * 1_000_000), finishedAt, "{\"ok\":true}", durationMs, id);
	}

	static void fail(JdbcTemplate jdbc, long id, int attempt, String message, boolean timedOut,
			OffsetDateTime failedAt) {
		jdbc.update(
				"INSERT INTO job_failure (job_id, attempt, error_message, error_stack, timed_out, failed_at) "
						+ "VALUES (?, ?, ?, ?, ?, ?)",
				id, attempt, message, "java.lang.IllegalStateException: " + message, timedOut, failedAt);
		jdbc.update("UPDATE job SET attempts = ?, last_error = ? WHERE id = ?", attempt, message, id);
	}

	/**
	 * Queue {@code email}: 2 waiting (the older created 10 minutes ago), 1 delayed, 1
	 * active, 3 completed (100, 200 and 300 ms), 1 failed after two attempts (the second
	 * timed out), and 1 cancelled two days ago after one failure. Queue {@code reports}:
	 * 1 waiting.
	 * @return the id of the failed job
	 */
	static long aMixOfJobs(JdbcTemplate jdbc, OffsetDateTime now) {
		insertJob(jdbc, "email", "send-email", "waiting", 5, now.minusMinutes(10), now.minusMinutes(10), null);
		insertJob(jdbc, "email", "send-email", "waiting", 5, now.minusMinutes(1), now.minusMinutes(1), null);
		insertJob(jdbc, "email", "send-email", "delayed", 5, now.plusMinutes(5), now.minusMinutes(1), null);
		long active = insertJob(jdbc, "email", "send-email", "waiting", 5, now, now, null);
		jdbc.update("UPDATE job SET state = 'active', started_at = ?, worker_id = 'email@node-a#1' WHERE id = ?", now,
				active);
		long durationMs = 100;
		for (int i = 0; i < 3; i++) {
			long completed = insertJob(jdbc, "email", "send-email", "waiting", 5, now.minusHours(1), now.minusHours(1),
					null);
			complete(jdbc, completed, now.minusMinutes(30), durationMs);
			durationMs += 100;
		}
		long once = insertJob(jdbc, "email", "send-email", "waiting", 5, now.minusDays(2), now.minusDays(2), null);
		fail(jdbc, once, 1, "an old failure", false, now.minusDays(2));
		jdbc.update("UPDATE job SET state = 'cancelled', finished_at = ? WHERE id = ?", now.minusDays(2), once);
		long failed = insertJob(jdbc, "email", "send-email", "waiting", 5, now.minusHours(2), now.minusHours(2), null);
		fail(jdbc, failed, 1, "SMTP 554", false, now.minusMinutes(20));
		fail(jdbc, failed, 2, "SMTP 554 again", true, now.minusMinutes(10));
		jdbc.update("UPDATE job SET state = 'failed', finished_at = ? WHERE id = ?", now.minusMinutes(10), failed);
		insertJob(jdbc, "reports", "report-generation", "waiting", 5, now, now, null);
		return failed;
	}

	/**
	 * The dedupe rule, the same on every database: a second waiting, delayed or active
	 * job with a queue's dedupe key is rejected; another queue, or no key, is fine.
	 */
	static void assertOneUnfinishedJobPerDedupeKey(JdbcTemplate jdbc, OffsetDateTime now) {
		long first = insertJob(jdbc, "email", "waiting", 5, now, "order-7");
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertJob(jdbc, "email", "delayed", 5, now, "order-7"));
		jdbc.update("UPDATE job SET state = 'active' WHERE id = ?", first);
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertJob(jdbc, "email", "waiting", 5, now, "order-7"));
		assertThat(insertJob(jdbc, "reports", "waiting", 5, now, "order-7")).isPositive();
		assertThat(insertJob(jdbc, "email", "waiting", 5, now, null)).isPositive();
		assertThat(insertJob(jdbc, "email", "waiting", 5, now, null)).isPositive();
	}

}
