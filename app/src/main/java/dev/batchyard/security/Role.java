package dev.batchyard.security;

/**
 * What a user or API token may do. {@link #ADMIN} may do everything; {@link #VIEWER} may
 * run queries and subscriptions only; {@link #ENQUEUER}, for applications, may enqueue
 * jobs and read and follow the jobs it enqueued, nothing else (named for the one thing it
 * may do: a broader name such as APPLICATION or SERVICE would suggest more);
 * {@link #METRICS} may only scrape {@code /actuator/prometheus}. Listed from the
 * strongest.
 *
 * @author Batchyard
 */
public enum Role {

	ADMIN, VIEWER, ENQUEUER, METRICS;

	/** The Spring Security authority of this role. */
	public String authority() {
		return "ROLE_" + name();
	}

}
