package dev.batchyard.limits;

import java.time.Instant;

/**
 * What a limiter's windows hold now.
 *
 * @param limiterName the limiter's name
 * @param distributed whether the counts are shared through Redis ({@code false}: this
 * node's own counts, node-local limiting or the fallback while Redis is unreachable)
 * @param windows the windows; a window the limiter does not have is {@code null}
 * @author Batchyard
 */
public record RateLimitStatus(String limiterName, boolean distributed, Windows windows) {

	/**
	 * The four windows of a limiter.
	 *
	 * @param perSecond the one-second window, or {@code null}
	 * @param perMinute the one-minute window, or {@code null}
	 * @param perHour the one-hour window, or {@code null}
	 * @param perDay the one-day window, or {@code null}
	 */
	public record Windows(Window perSecond, Window perMinute, Window perHour, Window perDay) {

	}

	/**
	 * One window's usage. What "current" counts depends on the algorithm: the permits
	 * granted in the current calendar window (fixed window), in the last window length
	 * (sliding window), or the tokens missing from the bucket (token bucket).
	 *
	 * @param current permits counted against the limit now
	 * @param limit the limit (this node's share of it during the Redis fallback)
	 * @param remaining permits the window allows now, {@code limit - current}, at least 0
	 * @param resetAt when the window frees capacity: the end of the calendar window
	 * (fixed window), when the oldest counted permit leaves the window (sliding window;
	 * now when none is counted), when the bucket is full again (token bucket)
	 */
	public record Window(long current, long limit, long remaining, Instant resetAt) {

	}

}
