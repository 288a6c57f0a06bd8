package dev.batchyard.limits;

import java.time.Instant;

import dev.batchyard.catalog.RateLimitAlgorithm;
import dev.batchyard.limits.internal.JdbcOverrideStore;
import dev.batchyard.support.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The override table's SQL on PostgreSQL (the H2 side runs in
 * {@code RateLimitsApiTests}).
 */
class JdbcOverrideStoreIntegrationTests {

	@Test
	void anOverrideIsInsertedThenReplacedOnPostgresql() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				TestServers.freshPostgresDatabase("rate_limit_overrides"), "postgres", "postgres");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/postgresql").load().migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		JdbcOverrideStore store = new JdbcOverrideStore(jdbc);

		store.save("stripeApi", new RateLimitInput(null, 20L, null, null, null), "admin", Instant.now());
		store.save("stripeApi", new RateLimitInput(RateLimitAlgorithm.TOKEN_BUCKET, 30L, null, 900L, null), "ops",
				Instant.now());

		assertThat(store.loadAll()).containsOnlyKeys("stripeApi")
			.containsEntry("stripeApi", new RateLimitInput(RateLimitAlgorithm.TOKEN_BUCKET, 30L, null, 900L, null));
		assertThat(jdbc.sql("SELECT updated_by FROM rate_limit_override").query(String.class).single())
			.isEqualTo("ops");
	}

}
