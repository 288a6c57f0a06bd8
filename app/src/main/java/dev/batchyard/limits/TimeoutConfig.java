package dev.batchyard.limits;

import java.time.Duration;

/**
 * A queue's timeout policy as it applies now: the catalog's values overlaid by an admin's
 * change.
 *
 * @param queueName the queue
 * @param timeout the configured hard timeout of one attempt, the ceiling of the effective
 * one
 * @param adaptiveEnabled whether the effective timeout follows the queue's recent P95
 * (always true on CRITICAL queues)
 * @param softTimeoutPercentage the share of the effective timeout after which a running
 * attempt is warned about (1 to 100)
 * @param effectiveTimeout the timeout a new attempt gets: {@code timeout}, or the
 * adaptive one (see {@link Timeouts})
 * @author Batchyard
 */
public record TimeoutConfig(String queueName, Duration timeout, boolean adaptiveEnabled, int softTimeoutPercentage,
		Duration effectiveTimeout) {

	/**
	 * The point of an attempt of the given timeout where the soft warning is due.
	 * @param timeout the attempt's timeout
	 * @return {@code softTimeoutPercentage} of it
	 */
	public Duration softTimeout(Duration timeout) {
		return Duration.ofNanos(timeout.toNanos() / 100 * this.softTimeoutPercentage);
	}

}
