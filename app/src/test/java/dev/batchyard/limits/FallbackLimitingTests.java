package dev.batchyard.limits;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.batchyard.limits.internal.FallbackLimiting;
import dev.batchyard.limits.internal.LimiterRequest;
import dev.batchyard.limits.internal.Limiting;
import dev.batchyard.limits.internal.LocalLimiting;
import dev.batchyard.limits.internal.WindowUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.RedisConnectionFailureException;

import static dev.batchyard.catalog.RateLimitAlgorithm.SLIDING_WINDOW;
import static dev.batchyard.limits.RateLimitsFixtures.perSecond;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fallback to node-local limits, with a stand-in for Redis that the test breaks and
 * mends (the real Redis is stopped in {@code RedisRateLimitsIntegrationTests}).
 */
class FallbackLimitingTests {

	private final ManualTime time = new ManualTime();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final SwitchableRedis redis = new SwitchableRedis();

	private final FallbackLimiting limiting = new FallbackLimiting(this.redis,
			new LocalLimiting(this.time, this.time, 2), Duration.ofSeconds(5), this.time, this.registry);

	private final RateLimits limits = RateLimitsFixtures.rateLimits(this.limiting,
			perSecond("api", SLIDING_WINDOW, 10));

	private final Logger logger = (Logger) LoggerFactory.getLogger(FallbackLimiting.class);

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	FallbackLimitingTests() {
		this.logs.start();
		this.logger.addAppender(this.logs);
	}

	@AfterEach
	void detachLogs() {
		this.logger.detachAppender(this.logs);
	}

	@Test
	void whileRedisIsDownPermitsComeFromTheNodesShareLoggedOnceAndCounted() {
		this.redis.up.set(false);

		int granted = 0;
		for (int i = 0; i < 20; i++) {
			granted += this.limits.tryAcquire("api").granted() ? 1 : 0;
		}

		assertThat(granted).isEqualTo(5);
		assertThat(this.limits.status("api").distributed()).isFalse();
		assertThat(this.registry.get("batchyard.ratelimit.fallback").gauge().value()).isEqualTo(1.0);
		assertThat(this.registry.get("batchyard.ratelimit.fallback.activations").counter().count()).isEqualTo(1.0);
		assertThat(this.logs.list).filteredOn((event) -> event.getLevel() == Level.WARN).hasSize(1);
	}

	@Test
	void redisIsTriedAgainAtMostOncePerProbeIntervalAndUsedAgainWhenItAnswers() {
		this.redis.up.set(false);
		this.limits.tryAcquire("api");
		int callsAfterFailure = this.redis.calls.get();

		this.redis.up.set(true);
		for (int i = 0; i < 10; i++) {
			this.limits.tryAcquire("api");
		}
		assertThat(this.redis.calls.get()).isEqualTo(callsAfterFailure);

		this.time.advance(Duration.ofSeconds(5));
		assertThat(this.limits.tryAcquire("api").granted()).isTrue();

		assertThat(this.redis.calls.get()).isEqualTo(callsAfterFailure + 1);
		assertThat(this.limits.status("api").distributed()).isTrue();
		assertThat(this.registry.get("batchyard.ratelimit.fallback").gauge().value()).isZero();
		assertThat(this.logs.list).filteredOn((event) -> event.getLevel() == Level.INFO).hasSize(1);
	}

	@Test
	void aFailedProbeStaysLocalWithoutLoggingAgain() {
		this.redis.up.set(false);
		for (int i = 0; i < 3; i++) {
			this.limits.tryAcquire("api");
			this.time.advance(Duration.ofSeconds(6));
		}

		assertThat(this.limits.status("api").distributed()).isFalse();
		assertThat(this.registry.get("batchyard.ratelimit.fallback.activations").counter().count()).isEqualTo(1.0);
		assertThat(this.logs.list).filteredOn((event) -> event.getLevel() == Level.WARN).hasSize(1);
	}

	/** Grants everything while up; fails like an unreachable Redis while down. */
	static final class SwitchableRedis implements Limiting {

		final AtomicBoolean up = new AtomicBoolean(true);

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public Decision tryAcquire(List<LimiterRequest> limiters) {
			check();
			return new Decision(true, Duration.ZERO);
		}

		@Override
		public List<WindowUsage> usage(LimiterRequest limiter) {
			check();
			return List.of();
		}

		@Override
		public boolean distributed() {
			return true;
		}

		private void check() {
			this.calls.incrementAndGet();
			if (!this.up.get()) {
				throw new RedisConnectionFailureException("Connection refused");
			}
		}

	}

}
