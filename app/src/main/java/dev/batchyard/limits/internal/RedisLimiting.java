package dev.batchyard.limits.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.batchyard.catalog.RateLimitAlgorithm;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counts permits in Redis, shared by every node: one atomic Lua script per algorithm
 * ({@code sliding_window.lua}, {@code token_bucket.lua}, {@code fixed_window.lua} next to
 * this class; their keys and arguments are documented at their top). One script call
 * checks and takes from every window of a limiter.
 * <p>
 * Keys are {@code batchyard:ratelimit:{<name>}:<algorithm>...}: the hash tag keeps a
 * limiter's keys in one Redis Cluster slot, and a limiter whose algorithm changes starts
 * on new keys with empty counts (the old ones expire).
 * <p>
 * A request for several limiters takes from them one script call at a time; when one
 * denies, the permits already taken from the others are given back (sliding window: the
 * log entry is removed; fixed window: the count is decremented if the window has not
 * ended; token bucket: the token is put back, up to the capacity). Between the take and
 * the give-back (one round trip) another request can find those limiters one permit
 * fuller than they end up: an error towards denying, never towards granting too many.
 * Exceptions (Redis unreachable) propagate; {@link FallbackLimiting} handles them.
 *
 * @author Batchyard
 */
public final class RedisLimiting implements Limiting {

	private static final String PREFIX = "batchyard:ratelimit:{";

	@SuppressWarnings("rawtypes")
	private final Map<RateLimitAlgorithm, RedisScript<List>> scripts = new EnumMap<>(RateLimitAlgorithm.class);

	private final StringRedisTemplate redis;

	public RedisLimiting(StringRedisTemplate redis) {
		this.redis = redis;
		this.scripts.put(RateLimitAlgorithm.SLIDING_WINDOW, script("sliding_window.lua"));
		this.scripts.put(RateLimitAlgorithm.FIXED_WINDOW, script("fixed_window.lua"));
		this.scripts.put(RateLimitAlgorithm.TOKEN_BUCKET, script("token_bucket.lua"));
	}

	@Override
	public Decision tryAcquire(List<LimiterRequest> requests) {
		List<Taken> taken = new ArrayList<>();
		for (LimiterRequest request : requests) {
			String id = UUID.randomUUID().toString();
			List<Long> result = run(request, "acquire", id);
			if (result.get(0) != 1L) {
				for (Taken done : taken) {
					run(done.request, "release", done.release);
				}
				return Decision.denied(Duration.ofMillis(result.get(1)));
			}
			String release = (request.algorithm() == RateLimitAlgorithm.FIXED_WINDOW) ? String.valueOf(result.get(2))
					: id;
			taken.add(new Taken(request, release));
		}
		return Decision.GRANTED;
	}

	@Override
	public List<WindowUsage> usage(LimiterRequest request) {
		List<Long> result = run(request, "usage", "");
		List<WindowUsage> usage = new ArrayList<>();
		for (int i = 0; i < request.windows().size(); i++) {
			usage.add(new WindowUsage(request.windows().get(i), result.get(3 + 2 * i),
					Instant.ofEpochMilli(result.get(4 + 2 * i))));
		}
		return usage;
	}

	@Override
	public boolean distributed() {
		return true;
	}

	@SuppressWarnings("unchecked")
	private List<Long> run(LimiterRequest request, String operation, String id) {
		List<String> arguments = new ArrayList<>();
		arguments.add(operation);
		arguments.add(id);
		arguments.add(String.valueOf(request.windows().size()));
		for (WindowLimit window : request.windows()) {
			arguments.add(String.valueOf(window.period().millis()));
			arguments.add(String.valueOf(window.limit()));
		}
		List<Long> result = this.redis.execute(this.scripts.get(request.algorithm()), keys(request),
				arguments.toArray());
		if (result == null || result.size() < 3) {
			throw new IllegalStateException("Rate limit script of " + request.name() + " answered " + result);
		}
		return result;
	}

	static List<String> keys(LimiterRequest request) {
		String base = PREFIX + request.name() + "}:";
		return switch (request.algorithm()) {
			case SLIDING_WINDOW -> List.of(base + "sw:log");
			case FIXED_WINDOW ->
				request.windows().stream().map((window) -> base + "fw:" + window.period().field()).toList();
			case TOKEN_BUCKET ->
				request.windows().stream().map((window) -> base + "tb:" + window.period().field()).toList();
		};
	}

	@SuppressWarnings("rawtypes")
	private static RedisScript<List> script(String name) {
		DefaultRedisScript<List> script = new DefaultRedisScript<>();
		script.setLocation(new ClassPathResource(name, RedisLimiting.class));
		script.setResultType(List.class);
		return script;
	}

	private record Taken(LimiterRequest request, String release) {

	}

}
