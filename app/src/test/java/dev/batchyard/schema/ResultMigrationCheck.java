package dev.batchyard.schema;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrates an empty database to V7, where results had a table of their own, writes a
 * completed job with its result and a failed one, and upgrades it: the result and
 * duration are then on the completed job's row, and the {@code job_result} view shows
 * them as the table did.
 *
 * @author Batchyard
 */
final class ResultMigrationCheck {

	private ResultMigrationCheck() {
	}

	static void movesResultsOntoTheirJobRows(DataSource empty, String location) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
		Flyway.configure().dataSource(empty).locations(location).target("7").load().migrate();
		JdbcTemplate jdbc = new JdbcTemplate(empty);
		long completed = SchemaFixtures.insertJob(jdbc, "email", "completed", 5, now, null);
		long failed = SchemaFixtures.insertJob(jdbc, "email", "failed", 5, now, null);
		jdbc.update("INSERT INTO job_result (job_id, result, duration_ms, completed_at) VALUES (?, ?, ?, ?)", completed,
				"{\"sent\":true}", 250, now);

		Flyway.configure().dataSource(empty).locations(location).load().migrate();

		assertThat(jdbc.queryForMap("SELECT result, duration_ms FROM job WHERE id = ?", completed))
			.containsEntry("result", "{\"sent\":true}")
			.containsEntry("duration_ms", 250L);
		assertThat(jdbc.queryForList("SELECT job_id FROM job_result", Long.class)).containsExactly(completed);
		assertThat(jdbc.queryForObject("SELECT result FROM job WHERE id = ?", String.class, failed)).isNull();
	}

}
