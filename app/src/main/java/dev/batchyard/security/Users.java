package dev.batchyard.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Builds the users of {@link SecurityProperties}, hashing every plain password, and
 * generating the admin's password when none is configured (never a fixed default).
 *
 * @author Batchyard
 */
final class Users {

	private static final String ADMIN = "admin";

	private static final String VIEWER = "viewer";

	private static final String METRICS = "metrics";

	private final List<UserDetails> details;

	private final String generatedAdminPassword;

	private final boolean adminPasswordGenerated;

	private Users(List<UserDetails> details, String generatedAdminPassword, boolean adminPasswordGenerated) {
		this.details = details;
		this.generatedAdminPassword = generatedAdminPassword;
		this.adminPasswordGenerated = adminPasswordGenerated;
	}

	/** The users, with a fresh admin password when none is configured (kept nowhere). */
	static Users from(SecurityProperties properties, PasswordEncoder encoder, SecureRandom random) {
		return from(properties, encoder, () -> GeneratedAdminPassword.fresh(encoder, random));
	}

	/**
	 * The users; when no admin password is configured, the admin's comes from
	 * {@code generated} (asked only then).
	 */
	static Users from(SecurityProperties properties, PasswordEncoder encoder,
			Supplier<GeneratedAdminPassword> generated) {
		List<UserDetails> details = new ArrayList<>();
		Set<String> names = new LinkedHashSet<>();
		GeneratedAdminPassword admin = properties.admin().hasPassword() ? null : generated.get();
		String adminPassword = (admin != null) ? admin.encoded() : properties.admin().password();
		details.add(user(ADMIN, adminPassword, Role.ADMIN, encoder));
		names.add(ADMIN);
		if (properties.viewer().hasPassword()) {
			details.add(user(VIEWER, properties.viewer().password(), Role.VIEWER, encoder));
			names.add(VIEWER);
		}
		if (properties.metrics().hasPassword()) {
			details.add(user(METRICS, properties.metrics().password(), Role.METRICS, encoder));
			names.add(METRICS);
		}
		for (SecurityProperties.User user : properties.users()) {
			validate(user);
			if (!names.add(user.name())) {
				throw new IllegalStateException("batchyard.security.users: the user '" + user.name()
						+ "' is defined twice (admin and viewer are built in)");
			}
			details.add(user(user.name(), user.password(), user.role(), encoder));
		}
		return new Users(List.copyOf(details), (admin != null) ? admin.plain() : null, admin != null);
	}

	List<UserDetails> details() {
		return this.details;
	}

	/**
	 * The admin password generated at this start, or {@code null}: configured, or
	 * generated at an earlier start (see {@link #adminPasswordGenerated()}).
	 */
	String generatedAdminPassword() {
		return this.generatedAdminPassword;
	}

	/** Whether the admin's password was generated, at this start or an earlier one. */
	boolean adminPasswordGenerated() {
		return this.adminPasswordGenerated;
	}

	private static void validate(SecurityProperties.User user) {
		if (user.name() == null || user.name().isBlank()) {
			throw new IllegalStateException("batchyard.security.users[].name must not be empty");
		}
		if (user.password() == null || user.password().isBlank()) {
			throw new IllegalStateException(
					"batchyard.security.users: the user '" + user.name() + "' needs a password");
		}
		if (user.role() == null) {
			throw new IllegalStateException("batchyard.security.users: the user '" + user.name()
					+ "' needs a role (ADMIN, VIEWER or ENQUEUER)");
		}
	}

	private static UserDetails user(String name, String password, Role role, PasswordEncoder encoder) {
		String encoded = isEncoded(password) ? password : encoder.encode(password);
		return User.withUsername(name).password(encoded).roles(role.name()).build();
	}

	private static boolean isEncoded(String password) {
		return password.startsWith("{") && password.indexOf('}') > 1;
	}

}
