package dev.batchyard.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

	private Users(List<UserDetails> details, String generatedAdminPassword) {
		this.details = details;
		this.generatedAdminPassword = generatedAdminPassword;
	}

	static Users from(SecurityProperties properties, PasswordEncoder encoder, SecureRandom random) {
		List<UserDetails> details = new ArrayList<>();
		Set<String> names = new LinkedHashSet<>();
		String generated = properties.admin().hasPassword() ? null : generatePassword(random);
		String adminPassword = (generated != null) ? generated : properties.admin().password();
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
		return new Users(List.copyOf(details), generated);
	}

	List<UserDetails> details() {
		return this.details;
	}

	/** The admin password generated at this start, or {@code null} if configured. */
	String generatedAdminPassword() {
		return this.generatedAdminPassword;
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

	private static String generatePassword(SecureRandom random) {
		byte[] bytes = new byte[18];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
