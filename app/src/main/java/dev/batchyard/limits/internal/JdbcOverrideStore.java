package dev.batchyard.limits.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import dev.batchyard.catalog.RateLimitAlgorithm;
import dev.batchyard.limits.RateLimitInput;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code rate_limit_override} table. Plain SQL that runs on H2 and PostgreSQL alike
 * (an update, else an insert, rather than a vendor's upsert).
 *
 * @author Batchyard
 */
public final class JdbcOverrideStore implements OverrideStore {

	private final JdbcClient jdbc;

	public JdbcOverrideStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, RateLimitInput> loadAll() {
		Map<String, RateLimitInput> overrides = new HashMap<>();
		this.jdbc
			.sql("SELECT limiter_name, algorithm, per_second, per_minute, per_hour, per_day FROM rate_limit_override")
			.query((rs) -> {
				String algorithm = rs.getString("algorithm");
				overrides.put(rs.getString("limiter_name"),
						new RateLimitInput((algorithm != null) ? RateLimitAlgorithm.valueOf(algorithm) : null,
								Upsert.longOrNull(rs, "per_second"), Upsert.longOrNull(rs, "per_minute"),
								Upsert.longOrNull(rs, "per_hour"), Upsert.longOrNull(rs, "per_day")));
			});
		return overrides;
	}

	@Override
	public void save(String limiterName, RateLimitInput override, String actor, Instant at) {
		Upsert.write(
				() -> write("UPDATE rate_limit_override SET algorithm = :algorithm, per_second = :perSecond, "
						+ "per_minute = :perMinute, per_hour = :perHour, per_day = :perDay, updated_at = :at, "
						+ "updated_by = :actor WHERE limiter_name = :name", limiterName, override, actor, at),
				() -> write(
						"INSERT INTO rate_limit_override (limiter_name, algorithm, per_second, per_minute, per_hour, "
								+ "per_day, updated_at, updated_by) VALUES (:name, :algorithm, :perSecond, :perMinute, "
								+ ":perHour, :perDay, :at, :actor)",
						limiterName, override, actor, at));
	}

	private int write(String sql, String limiterName, RateLimitInput override, String actor, Instant at) {
		return this.jdbc.sql(sql)
			.param("name", limiterName, Types.VARCHAR)
			.param("algorithm", (override.algorithm() != null) ? override.algorithm().name() : null, Types.VARCHAR)
			.param("perSecond", override.perSecond(), Types.BIGINT)
			.param("perMinute", override.perMinute(), Types.BIGINT)
			.param("perHour", override.perHour(), Types.BIGINT)
			.param("perDay", override.perDay(), Types.BIGINT)
			.param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("actor", actor, Types.VARCHAR)
			.update();
	}

}
