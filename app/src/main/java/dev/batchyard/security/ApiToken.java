package dev.batchyard.security;

import java.time.Instant;

/**
 * An API token as admins see it: never its secret.
 *
 * @param id the token's id
 * @param name what it is for, e.g. the application that uses it; jobs it enqueues are
 * recorded as enqueued by {@code token:<name>}
 * @param role what it may do
 * @param prefix the first characters of its secret, to tell tokens apart
 * @param createdBy the admin who created it
 * @param createdAt when
 * @param expiresAt when it stops working, or null for never
 * @param revokedAt when it was revoked, or null
 * @param revokedBy the admin who revoked it, or null
 * @author Batchyard
 */
public record ApiToken(long id, String name, Role role, String prefix, String createdBy, Instant createdAt,
		Instant expiresAt, Instant revokedAt, String revokedBy) {

	/** The name its requests and jobs are recorded under. */
	public String principal() {
		return "token:" + this.name;
	}

	/**
	 * Whether the token is accepted at this instant.
	 * @param now the instant
	 * @return true if neither revoked nor expired
	 */
	public boolean activeAt(Instant now) {
		return this.revokedAt == null && (this.expiresAt == null || now.isBefore(this.expiresAt));
	}

}
