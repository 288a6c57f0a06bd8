package dev.batchyard.limits.internal;

import java.util.ArrayList;
import java.util.List;

import dev.batchyard.catalog.RateLimitAlgorithm;
import dev.batchyard.limits.RateLimitConfig;

/**
 * A limiter as the counting code sees it: its name, algorithm and windows, shortest
 * window first.
 *
 * @param name the limiter name
 * @param algorithm the algorithm
 * @param windows the windows, shortest first, at least one
 * @author Batchyard
 */
public record LimiterRequest(String name, RateLimitAlgorithm algorithm, List<WindowLimit> windows) {

	public LimiterRequest {
		windows = List.copyOf(windows);
		if (windows.isEmpty()) {
			throw new IllegalArgumentException("Rate limiter '" + name + "' has no window");
		}
	}

	/**
	 * The request of an effective configuration.
	 * @param config the configuration, with at least one window
	 * @return the request
	 */
	public static LimiterRequest of(RateLimitConfig config) {
		List<WindowLimit> windows = new ArrayList<>();
		add(windows, Period.SECOND, config.perSecond());
		add(windows, Period.MINUTE, config.perMinute());
		add(windows, Period.HOUR, config.perHour());
		add(windows, Period.DAY, config.perDay());
		return new LimiterRequest(config.limiterName(), config.algorithm(), windows);
	}

	/**
	 * This request with each limit divided among nodes.
	 * @param nodes the number of nodes
	 * @return the node's share
	 */
	public LimiterRequest share(int nodes) {
		return new LimiterRequest(this.name, this.algorithm,
				this.windows.stream().map((window) -> window.share(nodes)).toList());
	}

	/**
	 * The longest window.
	 * @return the last window
	 */
	public WindowLimit longest() {
		return this.windows.get(this.windows.size() - 1);
	}

	private static void add(List<WindowLimit> windows, Period period, Long limit) {
		if (limit != null) {
			windows.add(new WindowLimit(period, limit));
		}
	}

}
