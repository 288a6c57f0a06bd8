package dev.batchyard.security;

/**
 * What a user may do. {@link #ADMIN} may do everything; {@link #VIEWER} may run queries
 * and subscriptions only.
 *
 * @author Batchyard
 */
public enum Role {

	ADMIN, VIEWER, ENQUEUER;

	/** The Spring Security authority of this role. */
	public String authority() {
		return "ROLE_" + name();
	}

}
