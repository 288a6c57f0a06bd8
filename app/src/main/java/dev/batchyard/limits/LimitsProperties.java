package dev.batchyard.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Knobs of the rate limits ({@code batchyard.limits.*}). Validated at startup: a bad
 * value fails the boot with a message that names the property.
 *
 * @param fallbackNodeCount the number of nodes that share a limit while Redis is
 * unreachable: each node then allows {@code limit / nodes} (at least 1) on its own. 0
 * (the default) counts the live nodes from their heartbeats in the {@code node} table; a
 * number fixes it.
 * @param probeInterval while Redis is unreachable, how often one request tries Redis
 * again (the others stay node-local in between)
 * @param refreshInterval how often a node reloads admin changes from the database; a
 * change takes effect on every node within this interval
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.limits")
public record LimitsProperties(@DefaultValue("0") int fallbackNodeCount, @DefaultValue("5s") Duration probeInterval,
		@DefaultValue("2s") Duration refreshInterval) {

	public LimitsProperties {
		if (fallbackNodeCount < 0) {
			throw new IllegalArgumentException("batchyard.limits.fallback-node-count must be 0 (count the live nodes)"
					+ " or more, was " + fallbackNodeCount);
		}
		requireBetween("batchyard.limits.probe-interval", probeInterval, Duration.ofMillis(100), Duration.ofMinutes(5),
				"");
		requireBetween("batchyard.limits.refresh-interval", refreshInterval, Duration.ofMillis(100),
				Duration.ofSeconds(5), " (a change must reach every node within 5 s)");
	}

	private static void requireBetween(String property, Duration value, Duration min, Duration max, String why) {
		if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw new IllegalArgumentException(
					property + " must be between " + min + " and " + max + why + ", was " + value);
		}
	}

}
