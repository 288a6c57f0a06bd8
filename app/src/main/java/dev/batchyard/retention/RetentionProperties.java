package dev.batchyard.retention;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Retention's knobs, bound from {@code batchyard.retention}. The brief's
 * {@code JOBS_CLEAN_COMPLETED_AFTER} and {@code JOBS_CLEAN_FAILED_AFTER} set the two
 * horizons (see application.yml). Durations take Boot's syntax ({@code 24h}, {@code 7d},
 * {@code 30m}, {@code PT36H}); a bare number means hours.
 *
 * @param completedAfter a completed job is deleted once it finished longer ago than this
 * @param failedAfter a failed job (attempts used up) is deleted once it finished longer
 * ago than this
 * @param interval how often one node of the cluster runs retention; a change applies from
 * the next start of a node (the trigger is rewritten, the next run is one interval or at
 * most a minute away)
 * @param batchSize rows deleted per transaction: each batch commits on its own, so a
 * large backlog never holds long locks; a run goes on until a batch comes back short
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.retention")
public record RetentionProperties(@DefaultValue("24h") @DurationUnit(ChronoUnit.HOURS) Duration completedAfter,
		@DefaultValue("7d") @DurationUnit(ChronoUnit.HOURS) Duration failedAfter,
		@DefaultValue("15m") Duration interval, @DefaultValue("1000") int batchSize) {

	public RetentionProperties {
		require(completedAfter.toMinutes() >= 1, "batchyard.retention.completed-after must be at least 1m");
		require(failedAfter.toMinutes() >= 1, "batchyard.retention.failed-after must be at least 1m");
		require(interval.toSeconds() >= 1, "batchyard.retention.interval must be at least 1s");
		require(batchSize >= 1 && batchSize <= 100_000, "batchyard.retention.batch-size must be between 1 and 100000");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
