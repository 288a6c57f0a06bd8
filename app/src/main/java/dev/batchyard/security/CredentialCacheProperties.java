package dev.batchyard.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a node trusts a credential it has checked, bound from
 * {@code batchyard.security.cache}.
 *
 * @param passwords how long a password that matched its BCrypt hash is accepted without
 * BCrypt again (0 checks every request); a changed password takes effect at once whatever
 * this is
 * @param apiTokens how long a node keeps what it read of an API token (its role, expiry
 * and revocation); a token revoked on another node is refused here within this time (at
 * most 5 s), on the node that revoked it at once
 * @param maxEntries the most credentials remembered per node
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.security.cache")
public record CredentialCacheProperties(@DefaultValue("60s") Duration passwords, @DefaultValue("2s") Duration apiTokens,
		@DefaultValue("10000") int maxEntries) {

	public CredentialCacheProperties {
		if (passwords.isNegative()) {
			throw new IllegalArgumentException(
					"batchyard.security.cache.passwords must not be negative (was " + passwords + ")");
		}
		if (apiTokens.isNegative() || apiTokens.compareTo(Duration.ofSeconds(5)) > 0) {
			throw new IllegalArgumentException(
					"batchyard.security.cache.api-tokens must be between 0 and 5s, so that a revoked token is refused"
							+ " on every node within 5 s (was " + apiTokens + ")");
		}
		if (maxEntries < 1) {
			throw new IllegalArgumentException(
					"batchyard.security.cache.max-entries must be at least 1 (was " + maxEntries + ")");
		}
	}

}
