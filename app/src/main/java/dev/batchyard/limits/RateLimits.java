package dev.batchyard.limits;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.batchyard.limits.internal.Limiting;
import dev.batchyard.limits.internal.LimiterRequest;
import dev.batchyard.limits.internal.Period;
import dev.batchyard.limits.internal.RateLimitConfigs;
import dev.batchyard.limits.internal.WindowUsage;

/**
 * The rate limits: what the engine asks before it claims or runs a job, and what the API
 * shows and changes.
 * <p>
 * A permit needs every window of every limiter named; a denied request takes nothing from
 * any window (through Redis, see {@code RedisLimiting} for the one-round-trip give-back
 * between limiters). {@link #tryAcquire} never throws because Redis is down: limiting
 * falls back to node-local limits.
 * <p>
 * A change made with {@link #update} applies on this node at once and on the others
 * within {@code batchyard.limits.refresh-interval}. What was already counted stays: the
 * new limit applies to the counts of the current window from the next request (a lower
 * limit can deny until the counts fall under it; Resilience4j's node-local fixed window
 * applies a new limit from its next period). A changed algorithm starts with empty
 * counts.
 *
 * @author Batchyard
 */
public class RateLimits {

	private final RateLimitConfigs configs;

	private final Limiting limiting;

	private final MeterRegistry meters;

	private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();

	RateLimits(RateLimitConfigs configs, Limiting limiting) {
		this(configs, limiting, null);
	}

	RateLimits(RateLimitConfigs configs, Limiting limiting, MeterRegistry meters) {
		this.configs = configs;
		this.limiting = limiting;
		this.meters = meters;
	}

	/**
	 * Takes a permit from every window of a limiter, or none.
	 * @param limiterName the limiter
	 * @return granted, or denied with a retry-after
	 * @throws LimiterNotFoundException when there is no such limiter
	 */
	public Permit tryAcquire(String limiterName) {
		return tryAcquire(List.of(limiterName));
	}

	/**
	 * Takes a permit from every window of every limiter named, or none. A name given
	 * twice counts once; no name is a granted permit.
	 * @param limiterNames the limiters
	 * @return granted, or denied with a retry-after: node-local, the longest of all the
	 * windows that deny; through Redis, that of the first limiter that denies (the
	 * limiters are asked one by one)
	 * @throws LimiterNotFoundException when a limiter does not exist (nothing is taken)
	 */
	public Permit tryAcquire(List<String> limiterNames) {
		List<LimiterRequest> requests = new LinkedHashSet<>(limiterNames).stream()
			.map((name) -> LimiterRequest.of(this.configs.get(name)))
			.toList();
		if (requests.isEmpty()) {
			return Permit.grant();
		}
		Limiting.Decision decision = this.limiting.tryAcquire(requests);
		count(requests, decision.granted());
		return decision.granted() ? Permit.grant() : Permit.deny(decision.retryAfter());
	}

	/**
	 * Counts the decision in {@code batchyard.ratelimit.permits}, tagged with each
	 * limiter asked and the outcome ({@code granted} or {@code denied}).
	 */
	private void count(List<LimiterRequest> requests, boolean granted) {
		if (this.meters == null) {
			return;
		}
		for (LimiterRequest request : requests) {
			Counter[] pair = this.counters.computeIfAbsent(request.name(),
					(name) -> new Counter[] { permits(name, "granted"), permits(name, "denied") });
			pair[granted ? 0 : 1].increment();
		}
	}

	private Counter permits(String limiter, String outcome) {
		return Counter.builder("batchyard.ratelimit.permits")
			.description("Rate limiter decisions on this node, by limiter and outcome")
			.tag("limiter", limiter)
			.tag("outcome", outcome)
			.register(this.meters);
	}

	/**
	 * A limiter's effective configuration.
	 * @param limiterName the limiter
	 * @return the configuration
	 * @throws LimiterNotFoundException when there is no such limiter
	 */
	public RateLimitConfig config(String limiterName) {
		return this.configs.get(limiterName);
	}

	/**
	 * Every limiter's effective configuration, by name.
	 * @return the configurations
	 */
	public List<RateLimitConfig> configs() {
		return this.configs.all();
	}

	/**
	 * What a limiter's windows hold now.
	 * @param limiterName the limiter
	 * @return the status
	 * @throws LimiterNotFoundException when there is no such limiter
	 */
	public RateLimitStatus status(String limiterName) {
		RateLimitConfig config = this.configs.get(limiterName);
		List<WindowUsage> usages = this.limiting.usage(LimiterRequest.of(config));
		RateLimitStatus.Window[] windows = new RateLimitStatus.Window[Period.values().length];
		for (WindowUsage usage : usages) {
			long limit = usage.window().limit();
			windows[usage.window().period().ordinal()] = new RateLimitStatus.Window(usage.current(), limit,
					Math.max(0, limit - usage.current()), usage.resetAt());
		}
		return new RateLimitStatus(config.limiterName(), this.limiting.distributed(),
				new RateLimitStatus.Windows(windows[0], windows[1], windows[2], windows[3]));
	}

	/**
	 * Changes a limiter: validated, persisted, effective on every node within the refresh
	 * interval. Nothing changes when the input is invalid.
	 * @param limiterName the limiter
	 * @param input the values to change; {@code null} ones stay
	 * @param actor who changes it, for the record
	 * @return the new effective configuration
	 * @throws LimiterNotFoundException when there is no such limiter
	 * @throws InvalidRateLimitException when a limit is below 1 or nothing is given
	 */
	public RateLimitConfig update(String limiterName, RateLimitInput input, String actor) {
		return this.configs.update(limiterName, input, actor);
	}

}
