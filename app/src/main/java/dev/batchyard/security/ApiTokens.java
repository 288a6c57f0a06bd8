package dev.batchyard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API tokens for applications: created by an admin with a role and an optional expiry,
 * shown once, sent as {@code Authorization: Bearer by_...}, revoked at any time. Only the
 * SHA-256 of a secret is stored ({@code api_token}); a random 256-bit secret needs no
 * slow hash. Each node keeps what it read of a token for
 * {@code batchyard.security.cache.api-tokens} (2 s, at most 5 s), so a token revoked on
 * one node is refused on every other within that time, and at once on the node that
 * revoked it.
 *
 * @author Batchyard
 */
public class ApiTokens {

	/** What every secret starts with, so that a leaked one is easy to recognise. */
	public static final String SECRET_PREFIX = "by_";

	private static final int MAX_NAME_LENGTH = 100;

	private static final String COLUMNS = "id, name, role, prefix, created_by, created_at, expires_at, revoked_at,"
			+ " revoked_by";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecureRandom random;

	private final long cacheMillis;

	private final int maxEntries;

	private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();

	ApiTokens(JdbcClient jdbc, Clock clock, SecureRandom random, Duration cache, int maxEntries) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.random = random;
		this.cacheMillis = cache.toMillis();
		this.maxEntries = maxEntries;
	}

	/**
	 * Creates a token.
	 * @param name what it is for (1 to 100 characters)
	 * @param role what it may do
	 * @param expiresAt when it stops working (in the future), or null for never
	 * @param createdBy the admin who creates it
	 * @return the token and its secret, which is not kept anywhere
	 * @throws IllegalArgumentException for a bad argument (nothing is created)
	 */
	public CreatedApiToken create(String name, Role role, Instant expiresAt, String createdBy) {
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException(
					"name must be 1 to " + MAX_NAME_LENGTH + " characters, e.g. the application that uses the token");
		}
		if (role == null) {
			throw new IllegalArgumentException("role must be one of ADMIN, VIEWER, ENQUEUER");
		}
		Instant now = this.clock.instant();
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw new IllegalArgumentException("expiresAt must be in the future (was " + expiresAt + ")");
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String prefix = secret.substring(0, 8);
		this.jdbc
			.sql("INSERT INTO api_token (name, role, secret_hash, prefix, created_by, created_at, expires_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(trimmed, role.name(), sha256(secret), prefix, createdBy, utc(now), utc(expiresAt))
			.update();
		ApiToken token = this.jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE secret_hash = ?")
			.param(sha256(secret))
			.query(ApiTokens::token)
			.single();
		this.lookups.clear();
		return new CreatedApiToken(token, secret);
	}

	/**
	 * The tokens, newest first, without their secrets.
	 * @param includeRevoked whether revoked tokens are listed too
	 * @return the tokens
	 */
	public List<ApiToken> list(boolean includeRevoked) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM api_token" + (includeRevoked ? "" : " WHERE revoked_at IS NULL")
					+ " ORDER BY id DESC")
			.query(ApiTokens::token)
			.list();
	}

	/**
	 * Revokes a token: this node refuses it from now on, every other node within the
	 * cache period. Revoking a revoked token changes nothing.
	 * @param id the token's id
	 * @param revokedBy the admin who revokes it
	 * @return the token as it is now
	 * @throws IllegalArgumentException if there is no such token
	 */
	public ApiToken revoke(long id, String revokedBy) {
		this.jdbc.sql("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
			.params(utc(this.clock.instant()), revokedBy, id)
			.update();
		this.lookups.clear();
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE id = ?")
			.param(id)
			.query(ApiTokens::token)
			.optional()
			.orElseThrow(() -> new IllegalArgumentException("id: there is no API token " + id));
	}

	/**
	 * The active token a secret belongs to.
	 * @param secret what a request sent
	 * @return the token, or empty if unknown, revoked or expired
	 */
	Optional<ApiToken> authenticate(String secret) {
		if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
			return Optional.empty();
		}
		String hash = sha256(secret);
		long now = this.clock.millis();
		Lookup lookup = this.lookups.get(hash);
		if (lookup == null || now - lookup.readAt() >= this.cacheMillis) {
			lookup = new Lookup(this.jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE secret_hash = ?")
				.param(hash)
				.query(ApiTokens::token)
				.optional()
				.orElse(null), now);
			if (this.cacheMillis > 0) {
				if (this.lookups.size() >= this.maxEntries) {
					this.lookups.clear();
				}
				this.lookups.put(hash, lookup);
			}
		}
		ApiToken token = lookup.token();
		return (token != null && token.activeAt(Instant.ofEpochMilli(now))) ? Optional.of(token) : Optional.empty();
	}

	static String sha256(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static ApiToken token(ResultSet rs, int row) throws SQLException {
		return new ApiToken(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4),
				rs.getString(5), instant(rs, 6), instant(rs, 7), instant(rs, 8), rs.getString(9));
	}

	/** What this node read of a secret's token (null: none), and when. */
	private record Lookup(ApiToken token, long readAt) {

	}

}
