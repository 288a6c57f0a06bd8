package dev.batchyard.limits.internal;

import java.time.Duration;
import java.util.List;

/**
 * A way of counting permits: node-local, through Redis, or Redis with a node-local
 * fallback.
 *
 * @author Batchyard
 */
public interface Limiting {

	/**
	 * Takes one permit from every window of every limiter, or from none.
	 * @param limiters the limiters, each with its windows
	 * @return zero when granted, else the retry-after (never negative)
	 */
	Decision tryAcquire(List<LimiterRequest> limiters);

	/**
	 * The usage of a limiter's windows, in the order of its windows.
	 * @param limiter the limiter
	 * @return one usage per window
	 */
	List<WindowUsage> usage(LimiterRequest limiter);

	/**
	 * Whether the counts are shared through Redis at the moment.
	 * @return true when distributed
	 */
	boolean distributed();

	/**
	 * A granted or denied request.
	 *
	 * @param granted whether the permits were taken
	 * @param retryAfter zero when granted, else when to ask again
	 */
	record Decision(boolean granted, Duration retryAfter) {

		static final Decision GRANTED = new Decision(true, Duration.ZERO);

		static Decision denied(Duration retryAfter) {
			return new Decision(false, retryAfter.isNegative() ? Duration.ZERO : retryAfter);
		}

	}

}
