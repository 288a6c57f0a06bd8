package dev.batchyard.limits;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node started with a Redis URL shares its limits through Redis.
 */
class DistributedLimitsIntegrationTests {

	@Test
	void aNodeWithRedisConfiguredCountsInRedis() {
		try (ConfigurableApplicationContext node = new SpringApplicationBuilder(BatchyardApplication.class).run(
				"--REDIS_URL=" + TestServers.redisUrl(),
				"--spring.datasource.url=jdbc:h2:mem:distributed-limits;DB_CLOSE_DELAY=-1", "--server.port=0",
				"--batchyard.security.admin.password=admin-secret")) {
			RateLimits rateLimits = node.getBean(RateLimits.class);
			RateLimitStatus before = rateLimits.status("taxGeneration");

			assertThat(rateLimits.tryAcquire("taxGeneration").granted()).isTrue();

			RateLimitStatus after = rateLimits.status("taxGeneration");
			assertThat(after.distributed()).isTrue();
			assertThat(after.windows().perMinute().current()).isEqualTo(before.windows().perMinute().current() + 1);
		}
	}

}
