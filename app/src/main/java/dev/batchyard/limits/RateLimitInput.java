package dev.batchyard.limits;

import dev.batchyard.catalog.RateLimitAlgorithm;

/**
 * An admin's change to a limiter: the values given replace the effective ones, the
 * {@code null} ones stay as they are. A window cannot be removed this way; the catalog
 * (configuration) decides which windows a limiter has, an admin tunes their limits.
 *
 * @param algorithm the new algorithm, or {@code null}
 * @param perSecond the new per-second limit (at least 1), or {@code null}
 * @param perMinute the new per-minute limit (at least 1), or {@code null}
 * @param perHour the new per-hour limit (at least 1), or {@code null}
 * @param perDay the new per-day limit (at least 1), or {@code null}
 * @author Batchyard
 */
public record RateLimitInput(RateLimitAlgorithm algorithm, Long perSecond, Long perMinute, Long perHour, Long perDay) {

	/**
	 * Whether the input changes nothing.
	 * @return true when every value is {@code null}
	 */
	public boolean isEmpty() {
		return this.algorithm == null && this.perSecond == null && this.perMinute == null && this.perHour == null
				&& this.perDay == null;
	}

}
