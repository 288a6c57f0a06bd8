package dev.batchyard.security;

import dev.batchyard.support.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP Basic with the shipped configuration: a password that matched is remembered for a
 * while, but never a wrong one, and never across a password change.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:password-checks;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret" })
class PasswordChecksTests {

	private static final String QUERY = "{ __typename }";

	@LocalServerPort
	int port;

	@Autowired
	InMemoryUserDetailsManager users;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void aWrongPasswordIsRefusedEvenRightAfterTheRightOneWasAccepted() {
		assertThat(ApiClient.as(this.port, "admin", "admin-secret").graphql(QUERY).status()).isEqualTo(200);

		for (String wrong : new String[] { "admin-secreT", "admin-secret ", "", "viewer-secret" }) {
			ApiClient.Response refused = ApiClient.as(this.port, "admin", wrong).graphql(QUERY);
			assertThat(refused.status()).as("password '%s'", wrong).isEqualTo(401);
			assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");
		}
		assertThat(ApiClient.as(this.port, "admin", "admin-secret").graphql(QUERY).status()).isEqualTo(200);
	}

	@Test
	void anotherUsersRememberedPasswordDoesNotLogYouIn() {
		assertThat(ApiClient.as(this.port, "viewer", "viewer-secret").graphql(QUERY).status()).isEqualTo(200);

		assertThat(ApiClient.as(this.port, "admin", "viewer-secret").graphql(QUERY).status()).isEqualTo(401);
	}

	@Test
	void aChangedPasswordTakesEffectAtTheNextRequest() {
		ApiClient old = ApiClient.as(this.port, "viewer", "viewer-secret");
		assertThat(old.graphql(QUERY).status()).isEqualTo(200);
		assertThat(old.graphql(QUERY).status()).isEqualTo(200);
		try {
			this.users.updateUser(User.withUsername("viewer")
				.password(this.encoder.encode("new-viewer-secret"))
				.roles(Role.VIEWER.name())
				.build());

			assertThat(old.graphql(QUERY).status()).isEqualTo(401);
			assertThat(ApiClient.as(this.port, "viewer", "new-viewer-secret").graphql(QUERY).status()).isEqualTo(200);

			this.users.updateUser(User.withUsername("viewer")
				.password(this.encoder.encode("viewer-secret"))
				.roles(Role.VIEWER.name())
				.build());

			assertThat(ApiClient.as(this.port, "viewer", "new-viewer-secret").graphql(QUERY).status()).isEqualTo(401);
			assertThat(old.graphql(QUERY).status()).isEqualTo(200);
		}
		finally {
			this.users.updateUser(User.withUsername("viewer")
				.password(this.encoder.encode("viewer-secret"))
				.roles(Role.VIEWER.name())
				.build());
		}
	}

}
