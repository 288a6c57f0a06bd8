package dev.batchyard.monitoring.internal;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.batchyard.limits.ManualTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counts monitoring reads, on H2 with the real schema: unfinished jobs in full,
 * finished ones incrementally with a full recount, failed attempts over the rate window.
 */
class QueueCountsTests {

	private final ManualTime time = new ManualTime();

	private JdbcClient jdbc;

	private QueueCounts counts;

	@BeforeEach
	void migrate(TestInfo test) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:counts-" + test.getTestMethod().orElseThrow().getName() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
		this.jdbc = JdbcClient.create(dataSource);
		this.counts = new QueueCounts(this.jdbc, this.time, Duration.ofMinutes(5), Duration.ofMinutes(10));
	}

	@Test
	void unfinishedJobsAreCountedByStateWithTheOldestReadyJob() {
		Instant now = this.time.instant();
		job("waiting", now.minusSeconds(30), null);
		job("waiting", now.minusSeconds(10), null);
		job("delayed", now.plusSeconds(60), null);
		job("delayed", now.minusSeconds(90), null);
		job("active", now.minusSeconds(5), null);

		QueueCounts.Unfinished queue = this.counts.refresh().unfinished("q");

		assertThat(queue.waiting()).isEqualTo(2);
		assertThat(queue.delayed()).isEqualTo(2);
		assertThat(queue.active()).isEqualTo(1);
		// a delayed job whose runAt has come is ready too
		assertThat(queue.oldestReadyAt()).isEqualTo(now.minusSeconds(90));
	}

	@Test
	void finishedJobsAreAddedAsTheyFinishAndRecountedInFull() {
		job("completed", null, this.time.instant().minusSeconds(3600));
		assertThat(this.counts.refresh().finished("q").completed()).isOne();

		this.time.advance(Duration.ofSeconds(10));
		job("completed", null, this.time.instant().minusSeconds(5));
		job("failed", null, this.time.instant().minusSeconds(5));
		QueueCounts.Counts later = this.counts.refresh();
		assertThat(later.finished("q").completed()).isEqualTo(2);
		assertThat(later.finished("q").failed()).isOne();
		assertThat(later.window("q").completed()).isOne();

		// deletes are seen at the next full recount
		this.jdbc.sql("DELETE FROM job WHERE state = 'completed'").update();
		this.time.advance(Duration.ofSeconds(10));
		assertThat(this.counts.refresh().finished("q").completed()).isEqualTo(2);
		this.time.advance(Duration.ofMinutes(10));
		assertThat(this.counts.refresh().finished("q").completed()).isZero();
	}

	@Test
	void theRateWindowHoldsTheFinishesAndFailedAttemptsOfItsLength() {
		long id = job("completed", null, this.time.instant().minusSeconds(60));
		failure(id, this.time.instant().minusSeconds(61), true);
		failure(id, this.time.instant().minusSeconds(62), false);
		QueueCounts.Window window = this.counts.refresh().window("q");
		assertThat(window.completed()).isOne();
		assertThat(window.failedAttempts()).isEqualTo(2);
		assertThat(window.timedOutAttempts()).isOne();

		this.time.advance(Duration.ofMinutes(6));
		assertThat(this.counts.refresh().window("q").failedAttempts()).isZero();
	}

	private long job(String state, Instant runAt, Instant finishedAt) {
		Instant now = this.time.instant();
		this.jdbc
			.sql("INSERT INTO job (queue_name, type, state, run_at, created_at, finished_at)"
					+ " VALUES ('q', 'probe', :state, :runAt, :now, :finished)")
			.param("state", state)
			.param("runAt", at((runAt != null) ? runAt : now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("now", at(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("finished", at(finishedAt), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
		return this.jdbc.sql("SELECT MAX(id) FROM job").query(Long.class).single();
	}

	private void failure(long jobId, Instant at, boolean timedOut) {
		this.jdbc
			.sql("INSERT INTO job_failure (job_id, attempt, error_message, timed_out, failed_at)"
					+ " VALUES (:job, 1, 'boom', :timedOut, :at)")
			.param("job", jobId)
			.param("timedOut", timedOut)
			.param("at", at(at), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	private static OffsetDateTime at(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
