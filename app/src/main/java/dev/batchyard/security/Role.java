package dev.batchyard.security;

/**
 * What a user may do. {@link #ADMIN} may do everything; {@link #VIEWER} may run queries
 * and subscriptions only; {@link #METRICS} may only scrape {@code /actuator/prometheus}.
 *
 * @author Batchyard
 */
public enum Role {

	ADMIN, VIEWER, METRICS;

	/** The Spring Security authority of this role. */
	public String authority() {
		return "ROLE_" + name();
	}

}
