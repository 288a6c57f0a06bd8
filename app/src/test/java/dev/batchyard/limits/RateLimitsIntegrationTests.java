package dev.batchyard.limits;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.batchyard.catalog.RateLimitAlgorithm;
import dev.batchyard.catalog.RateLimitDefinition;
import dev.batchyard.limits.internal.FallbackLimiting;
import dev.batchyard.limits.internal.Limiting;
import dev.batchyard.limits.internal.LocalLimiting;
import dev.batchyard.limits.internal.RedisLimiting;
import dev.batchyard.support.TestServers;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static dev.batchyard.limits.RateLimitsFixtures.perSecond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Lua scripts against a real Redis, shared by two "nodes": two {@link RateLimits},
 * each with its own Lettuce connection.
 */
class RateLimitsIntegrationTests {

	private static final long SECOND_MICROS = 1_000_000;

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	@BeforeEach
	void emptyRedis() {
		template().getConnectionFactory().getConnection().serverCommands().flushDb();
	}

	@AfterEach
	void closeConnections() throws IOException {
		if (!TestServers.redis().isActive()) {
			TestServers.redis().start();
		}
		this.factories.forEach(LettuceConnectionFactory::destroy);
	}

	@ParameterizedTest
	@EnumSource(RateLimitAlgorithm.class)
	void eachScriptAllowsTheLimitOfEveryWindowAndADeniedRequestTakesNothing(RateLimitAlgorithm algorithm) {
		startOfASecond(algorithm);
		RateLimits limits = node(new RateLimitDefinition("api", algorithm, 5L, 8L, null, null));

		for (int i = 0; i < 5; i++) {
			assertThat(limits.tryAcquire("api").granted()).as("permit %d", i + 1).isTrue();
		}
		for (int i = 0; i < 5; i++) {
			Permit denied = limits.tryAcquire("api");
			assertThat(denied.granted()).isFalse();
			assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
		}

		RateLimitStatus status = limits.status("api");
		assertThat(status.distributed()).isTrue();
		assertThat(status.windows().perSecond().current()).isEqualTo(5);
		assertThat(status.windows().perSecond().remaining()).isZero();
		assertThat(status.windows().perMinute().current()).isEqualTo(5);
		assertThat(status.windows().perMinute().limit()).isEqualTo(8);
		assertThat(status.windows().perSecond().resetAt()).isBetween(Instant.now().minusSeconds(1),
				Instant.now().plusSeconds(2));
		assertThat(status.windows().perHour()).isNull();
	}

	@ParameterizedTest
	@EnumSource(RateLimitAlgorithm.class)
	void aRequestForSeveralLimitersGivesBackWhatItTookWhenOneDenies(RateLimitAlgorithm algorithm) {
		startOfASecond(algorithm);
		RateLimits limits = node(perSecond("plenty", algorithm, 5), perSecond("scarce", algorithm, 1));

		assertThat(limits.tryAcquire(List.of("plenty", "scarce")).granted()).isTrue();
		assertThat(limits.tryAcquire(List.of("plenty", "scarce")).granted()).isFalse();

		assertThat(limits.status("plenty").windows().perSecond().current()).isEqualTo(1);
	}

	@Test
	void theSlidingLogSaysWhenItsOldestPermitLeaves() {
		RateLimits limits = node(perSecond("api", RateLimitAlgorithm.SLIDING_WINDOW, 2));
		limits.tryAcquire("api");
		limits.tryAcquire("api");

		Permit denied = limits.tryAcquire("api");

		assertThat(denied.retryAfter()).isBetween(Duration.ofMillis(800), Duration.ofMillis(1000));
		assertThat(limits.status("api").windows().perSecond().resetAt()).isBetween(Instant.now().plusMillis(700),
				Instant.now().plusMillis(1001));
	}

	@ParameterizedTest
	@EnumSource(RateLimitAlgorithm.class)
	void twoNodesDrivenFlatOutShareFiftyPerSecond(RateLimitAlgorithm algorithm) throws Exception {
		RateLimitDefinition emailSending = perSecond("emailSending", algorithm, 50);
		List<RateLimits> nodes = List.of(node(emailSending), node(emailSending));
		ConcurrentLinkedQueue<long[]> grants = new ConcurrentLinkedQueue<>();
		long seconds = 10;
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> drivers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				RateLimits node = nodes.get(i % 2);
				drivers.add(threads.submit(() -> {
					while (System.nanoTime() < end) {
						long before = micros();
						if (node.tryAcquire("emailSending").granted()) {
							grants.add(new long[] { before, micros() });
						}
					}
				}));
			}
			for (Future<?> driver : drivers) {
				driver.get(seconds + 30, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		List<long[]> sorted = new ArrayList<>(grants);
		sorted.sort(Comparator.comparingLong((long[] grant) -> grant[0]));
		System.out.printf("%s: %d permits granted across two nodes in %d s: %.1f per second%n", algorithm,
				sorted.size(), seconds, sorted.size() / (double) seconds);
		assertThat(sorted.size()).as("at least 90 %% of 50 per second").isGreaterThanOrEqualTo(450);
		switch (algorithm) {
			case SLIDING_WINDOW -> assertAtMostFiftyInAnySecond(sorted);
			case FIXED_WINDOW -> assertAtMostFiftyInAnyCalendarSecond(sorted);
			case TOKEN_BUCKET -> assertWithinTheBucket(sorted);
		}
	}

	@Test
	void whenRedisStopsPermitsComeFromTheNodesShareAndWhenItIsBackFromRedisAgain() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Duration probe = Duration.ofSeconds(1);
		RateLimits limits = RateLimitsFixtures.rateLimits(new FallbackLimiting(redisLimiting(),
				new LocalLimiting(System::nanoTime, java.time.Clock.systemUTC(), 2), probe, System::nanoTime, registry),
				new RateLimitDefinition("api", RateLimitAlgorithm.SLIDING_WINDOW, null, 20L, null, null));
		Logger logger = (Logger) LoggerFactory.getLogger(FallbackLimiting.class);
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		logger.addAppender(logs);
		try {
			assertThat(limits.tryAcquire("api").granted()).isTrue();
			assertThat(limits.status("api").distributed()).isTrue();

			TestServers.redis().stop();
			int granted = 0;
			for (int i = 0; i < 40; i++) {
				granted += limits.tryAcquire("api").granted() ? 1 : 0;
			}

			assertThat(granted).as("this node's share: 20 per minute / 2 nodes").isEqualTo(10);
			assertThat(limits.status("api").distributed()).isFalse();
			assertThat(registry.get("batchyard.ratelimit.fallback").gauge().value()).isEqualTo(1.0);
			assertThat(logs.list).filteredOn((event) -> event.getLevel() == Level.WARN).hasSize(1);

			TestServers.redis().start();
			long restarted = System.nanoTime();
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> limits.status("api").distributed());
			System.out.printf("Distributed again %d ms after Redis restarted (probe interval %d ms)%n",
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted), probe.toMillis());
			// Redis kept its own count: the one permit taken before it stopped
			assertThat(limits.status("api").windows().perMinute().current()).isEqualTo(1);
			assertThat(registry.get("batchyard.ratelimit.fallback").gauge().value()).isZero();
			assertThat(registry.get("batchyard.ratelimit.fallback.activations").counter().count()).isEqualTo(1.0);
			assertThat(logs.list).filteredOn((event) -> event.getLevel() == Level.WARN).hasSize(1);
		}
		finally {
			logger.detachAppender(logs);
			if (!TestServers.redis().isActive()) {
				TestServers.redis().start();
			}
		}
	}

	/**
	 * Grants whose [before, after] both fall in (start, start + 1 s) really were in it.
	 */
	private static void assertAtMostFiftyInAnySecond(List<long[]> grants) {
		for (int i = 0; i < grants.size(); i++) {
			long start = grants.get(i)[0];
			int inside = 0;
			for (int j = i; j < grants.size() && grants.get(j)[0] < start + SECOND_MICROS; j++) {
				if (grants.get(j)[1] < start + SECOND_MICROS) {
					inside++;
				}
			}
			assertThat(inside).as("permits within one second from %d", start).isLessThanOrEqualTo(50);
		}
	}

	/**
	 * Redis's calendar seconds, read on this host's clock (the test's Redis runs on the
	 * same host).
	 */
	private static void assertAtMostFiftyInAnyCalendarSecond(List<long[]> grants) {
		Map<Long, Integer> perSecond = new HashMap<>();
		for (long[] grant : grants) {
			if (grant[0] / SECOND_MICROS == grant[1] / SECOND_MICROS) {
				perSecond.merge(grant[0] / SECOND_MICROS, 1, Integer::sum);
			}
		}
		assertThat(Collections.max(perSecond.values())).isLessThanOrEqualTo(50);
	}

	/** Over any interval of length t: at most 50 + 50 t. */
	private static void assertWithinTheBucket(List<long[]> grants) {
		for (int i = 0; i < grants.size(); i++) {
			long start = grants.get(i)[0];
			List<Long> ends = new ArrayList<>();
			for (int j = i; j < grants.size(); j++) {
				ends.add(grants.get(j)[1]);
			}
			Collections.sort(ends);
			for (int k = 0; k < ends.size(); k++) {
				double seconds = (ends.get(k) - start) / (double) SECOND_MICROS;
				assertThat(k + 1.0).as("permits in %.3f s from %d", seconds, start)
					.isLessThanOrEqualTo(50 + 50 * seconds);
			}
		}
	}

	private RateLimits node(RateLimitDefinition... definitions) {
		return RateLimitsFixtures.rateLimits(redisLimiting(), definitions);
	}

	private Limiting redisLimiting() {
		return new RedisLimiting(template());
	}

	private StringRedisTemplate template() {
		URI url = URI.create(TestServers.redisUrl());
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(url.getHost(), url.getPort()),
				LettuceClientConfiguration.builder()
					.clientOptions(ClientOptions.builder()
						.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
						.build())
					.commandTimeout(Duration.ofSeconds(2))
					.build());
		factory.afterPropertiesSet();
		factory.start();
		this.factories.add(factory);
		return new StringRedisTemplate(factory);
	}

	/** A fixed window of one second must not end while a test takes its few permits. */
	private static void startOfASecond(RateLimitAlgorithm algorithm) {
		if (algorithm == RateLimitAlgorithm.FIXED_WINDOW) {
			await().pollInterval(Duration.ofMillis(5)).until(() -> System.currentTimeMillis() % 1000 < 300);
		}
	}

	private static long micros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * SECOND_MICROS + now.getNano() / 1000;
	}

}
