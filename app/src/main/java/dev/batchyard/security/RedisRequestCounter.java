package dev.batchyard.security;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counts requests in Redis so that every node shares a caller's count (one atomic
 * {@code INCR} + expiry per request, see {@code api_rate_limit.lua}). When Redis does not
 * answer, counts on this node until it does again, so the API stays up.
 *
 * @author Batchyard
 */
class RedisRequestCounter implements RequestCounter {

	private static final Log logger = LogFactory.getLog(RedisRequestCounter.class);

	private static final RedisScript<Long> SCRIPT = RedisScript
		.of(new org.springframework.core.io.ClassPathResource("dev/batchyard/security/api_rate_limit.lua"), Long.class);

	private static final long WINDOW_MS = 60_000;

	private final StringRedisTemplate redis;

	private final RequestCounter fallback;

	private volatile boolean fallingBack;

	RedisRequestCounter(StringRedisTemplate redis, RequestCounter fallback) {
		this.redis = redis;
		this.fallback = fallback;
	}

	@Override
	public long count(String caller, long windowStartMillis) {
		try {
			Long count = this.redis.execute(SCRIPT, List.of("batchyard:api-rate:{" + caller + "}:" + windowStartMillis),
					String.valueOf(2 * WINDOW_MS));
			if (this.fallingBack) {
				this.fallingBack = false;
				logger.info("Redis answers again: API rate limits are shared across nodes again");
			}
			return (count != null) ? count : 1;
		}
		catch (RuntimeException ex) {
			if (!this.fallingBack) {
				this.fallingBack = true;
				logger.warn("Redis does not answer; API rate limits are counted per node until it does: "
						+ ex.getMessage());
			}
			return this.fallback.count(caller, windowStartMillis);
		}
	}

}
