package dev.batchyard.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The users of the API, bound from {@code batchyard.security}.
 *
 * @param admin the built-in {@code admin} user (role ADMIN); an empty password means one
 * is generated at each start and printed once in the log
 * @param viewer the built-in {@code viewer} user (role VIEWER); an empty password means
 * there is no such user
 * @param metrics the built-in {@code metrics} user (role METRICS: may scrape
 * {@code /actuator/prometheus}, nothing else); an empty password means there is no such
 * user
 * @param users further users; a password may be given as a Spring Security encoded value
 * such as {@code {bcrypt}$2a$...}, or in plain text (hashed at startup)
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.security")
public record SecurityProperties(BuiltInUser admin, BuiltInUser viewer, BuiltInUser metrics, List<User> users) {

	@ConstructorBinding
	public SecurityProperties {
		admin = (admin != null) ? admin : new BuiltInUser(null);
		viewer = (viewer != null) ? viewer : new BuiltInUser(null);
		metrics = (metrics != null) ? metrics : new BuiltInUser(null);
		users = (users != null) ? List.copyOf(users) : List.of();
	}

	/**
	 * The users without the {@code metrics} user.
	 * @param admin the admin
	 * @param viewer the viewer
	 * @param users further users
	 */
	public SecurityProperties(BuiltInUser admin, BuiltInUser viewer, List<User> users) {
		this(admin, viewer, null, users);
	}

	/**
	 * A built-in user whose password may be left empty.
	 *
	 * @param password the password, or empty
	 */
	public record BuiltInUser(String password) {

		boolean hasPassword() {
			return this.password != null && !this.password.isBlank();
		}

	}

	/**
	 * A configured user.
	 *
	 * @param name the login name
	 * @param password the password, plain or encoded
	 * @param role what the user may do
	 */
	public record User(String name, String password, Role role) {

	}

}
