package dev.batchyard.limits;

import java.time.Clock;
import java.util.function.IntSupplier;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.limits.internal.ExecutionHistograms;
import dev.batchyard.limits.internal.FallbackLimiting;
import dev.batchyard.limits.internal.JdbcOverrideStore;
import dev.batchyard.limits.internal.Limiting;
import dev.batchyard.limits.internal.LiveNodes;
import dev.batchyard.limits.internal.LocalLimiting;
import dev.batchyard.limits.internal.RateLimitConfigs;
import dev.batchyard.limits.internal.RedisLimiting;
import dev.batchyard.limits.internal.TimeoutOverrideStore;
import dev.batchyard.limits.internal.TimeoutSettings;
import dev.batchyard.limits.internal.TimeoutsRefresher;
import dev.batchyard.node.NodeLoop;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the rate limits (through Redis with a node-local fallback when
 * {@code batchyard.redis.enabled} is true, node-local otherwise) and the timeouts with
 * their execution statistics.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

	@Bean
	RateLimitConfigs rateLimitConfigs(QueueCatalog catalog, JdbcClient jdbc) {
		return new RateLimitConfigs(catalog, new JdbcOverrideStore(jdbc), Clock.systemUTC());
	}

	@Bean
	NodeLoop rateLimitOverridePoller(RateLimitConfigs configs, LimitsProperties properties) {
		// an admin's change made on another node takes effect here within the interval
		return new NodeLoop("batchyard-limits-refresh",
				NodeLoop.Task.every(properties.refreshInterval(), "reload the rate limit overrides", configs::refresh));
	}

	@Bean
	ExecutionHistograms executionHistograms(JdbcClient jdbc) {
		return new ExecutionHistograms(jdbc, Clock.systemUTC());
	}

	@Bean
	TimeoutSettings timeoutSettings(QueueCatalog catalog, JdbcClient jdbc, ExecutionHistograms histograms) {
		return new TimeoutSettings(catalog, new TimeoutOverrideStore(jdbc), histograms, Clock.systemUTC());
	}

	@Bean
	TimeoutsRefresher timeoutsRefresher(TimeoutSettings settings, ExecutionHistograms histograms,
			LimitsProperties properties) {
		return new TimeoutsRefresher(settings, histograms, properties.refreshInterval());
	}

	@Bean
	Timeouts timeouts(TimeoutSettings settings, ExecutionHistograms histograms) {
		return new Timeouts(settings, histograms);
	}

	@Bean
	RateLimits rateLimits(RateLimitConfigs configs, Limiting limiting, ObjectProvider<MeterRegistry> meters) {
		return new RateLimits(configs, limiting, meters.getIfAvailable());
	}

	@Bean
	@ConditionalOnProperty(name = "batchyard.redis.enabled", havingValue = "false", matchIfMissing = true)
	Limiting localLimiting() {
		return new LocalLimiting(System::nanoTime, Clock.systemUTC(), 1);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "batchyard.redis.enabled", havingValue = "true")
	static class DistributedLimitsConfiguration {

		@Bean
		Limiting distributedLimiting(StringRedisTemplate redis, LimitsProperties properties,
				ObjectProvider<MeterRegistry> registry, JdbcClient jdbc) {
			IntSupplier nodes = (properties.fallbackNodeCount() > 0) ? properties::fallbackNodeCount
					: new LiveNodes(jdbc, Clock.systemUTC());
			return new FallbackLimiting(new RedisLimiting(redis),
					new LocalLimiting(System::nanoTime, Clock.systemUTC(), nodes), properties.probeInterval(),
					System::nanoTime, registry.getIfAvailable(SimpleMeterRegistry::new));
		}

		/**
		 * While the connection to Redis is down, a command fails at once instead of
		 * waiting for the reconnection: the limits fall back to node-local at once and
		 * jobs are not held up.
		 * @return the customizer
		 */
		@Bean
		LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
			return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		}

	}

}
