package dev.batchyard.api;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import dev.batchyard.security.Role;

/**
 * What the API needs to know of who calls.
 *
 * @author Batchyard
 */
final class Callers {

	private Callers() {
	}

	/**
	 * Whether the caller is an application with the ENQUEUER role and neither ADMIN nor
	 * VIEWER: it may enqueue, and see only the jobs it enqueued.
	 * @param caller the authenticated caller, or null
	 * @return true for an ENQUEUER only
	 */
	static boolean isEnqueuerOnly(Authentication caller) {
		if (caller == null) {
			return false;
		}
		boolean enqueuer = false;
		for (GrantedAuthority authority : caller.getAuthorities()) {
			String name = authority.getAuthority();
			if (Role.ADMIN.authority().equals(name) || Role.VIEWER.authority().equals(name)) {
				return false;
			}
			enqueuer |= Role.ENQUEUER.authority().equals(name);
		}
		return enqueuer;
	}

}
