package dev.batchyard.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives the store settings a user should not have to spell out.
 * <ul>
 * <li>{@code REDIS_URL} (the product brief's name) becomes {@code spring.data.redis.url}
 * unless that is set.</li>
 * <li>With no Redis configured at all, Redis support is switched off entirely (no
 * connection factory, no health check against a server that is not there) and
 * {@code batchyard.redis.enabled} is {@code false}: limits stay node-local.</li>
 * <li>On PostgreSQL, Quartz's JDBC store uses its PostgreSQL delegate (its default
 * delegate cannot read PostgreSQL's {@code bytea} columns).</li>
 * </ul>
 * Runs after the configuration files are loaded so that it sees every source.
 *
 * @author Batchyard
 */
public class StoreEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE_NAME = "batchyardStoreDefaults";

	static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

	private static final String POSTGRES_DELEGATE = "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";

	@Override
	public int getOrder() {
		// after ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10)
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> derived = new LinkedHashMap<>();
		String redisUrl = environment.getProperty("spring.data.redis.url");
		String briefRedisUrl = environment.getProperty("REDIS_URL");
		if (isBlank(redisUrl) && !isBlank(briefRedisUrl)) {
			derived.put("spring.data.redis.url", briefRedisUrl);
			redisUrl = briefRedisUrl;
		}
		boolean redisConfigured = !isBlank(redisUrl) || !isBlank(environment.getProperty("spring.data.redis.host"));
		derived.put("batchyard.redis.enabled", redisConfigured);
		if (!redisConfigured) {
			derived.put("spring.autoconfigure.exclude", String.join(",", withRedisExcluded(environment)));
		}
		String datasourceUrl = environment.getProperty("spring.datasource.url", "");
		if (datasourceUrl.startsWith("jdbc:postgresql:") && environment
			.getProperty("spring.quartz.properties.org.quartz.jobStore.driverDelegateClass") == null) {
			derived.put("spring.quartz.properties.org.quartz.jobStore.driverDelegateClass", POSTGRES_DELEGATE);
		}
		environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, derived));
	}

	private static List<String> withRedisExcluded(ConfigurableEnvironment environment) {
		List<String> excludes = new ArrayList<>(Binder.get(environment)
			.bind("spring.autoconfigure.exclude", String[].class)
			.map(List::of)
			.orElse(List.of()));
		REDIS_AUTO_CONFIGURATIONS.stream().filter((name) -> !excludes.contains(name)).forEach(excludes::add);
		return excludes;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
