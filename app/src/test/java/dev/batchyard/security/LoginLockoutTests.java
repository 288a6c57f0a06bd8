package dev.batchyard.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Wrong passwords over HTTP: a user who sent too many from one address is refused there,
 * the right password included, without a password check, and the lock-out is audited; an
 * address that sent too many for any users is refused for all of them; both lapse.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:login-lockout;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret",
				"batchyard.security.lockout.max-failures=3", "batchyard.security.lockout.max-failures-per-address=12",
				"batchyard.security.lockout.duration=2s" })
class LoginLockoutTests {

	private static final String QUERY = "{ __typename }";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void repeatedWrongPasswordsLockOutTheUserAndThenTheAddressAndTheLockOutsLapse() {
		// a right password starts the count over
		wrong("admin", 2);
		assertThat(as("admin", "admin-secret").status()).isEqualTo(200);
		wrong("admin", 2);
		assertThat(as("admin", "admin-secret").status()).isEqualTo(200);

		wrong("admin", 3);
		Response locked = as("admin", "admin-secret");

		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.errorCode()).isEqualTo("RATE_LIMITED");
		assertThat(locked.headers().get("retry-after")).containsExactly("2");
		assertThat(as("viewer", "viewer-secret").status()).as("another user from the address").isEqualTo(200);
		List<Map<String, Object>> audit = this.jdbc
			.sql("SELECT actor, arguments, outcome FROM audit_log WHERE operation = 'loginLockout'")
			.query()
			.listOfRows();
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0)).containsEntry("ACTOR", "admin").containsEntry("OUTCOME", "LOCKED");
		assertThat(audit.get(0).get("ARGUMENTS").toString()).contains("USER_AND_ADDRESS");
		await().atMost(Duration.ofSeconds(5)).until(() -> as("admin", "admin-secret").status() == 200);

		// 7 wrong passwords from this address so far: 5 more for other users lock it
		for (int user = 0; user < 5; user++) {
			wrong("guess-" + user, 1);
		}
		assertThat(as("viewer", "viewer-secret").status()).as("the address is locked for everyone").isEqualTo(429);
		await().atMost(Duration.ofSeconds(5)).until(() -> as("viewer", "viewer-secret").status() == 200);
	}

	private void wrong(String user, int times) {
		for (int i = 0; i < times; i++) {
			assertThat(as(user, "wrong-password").status()).isEqualTo(401);
		}
	}

	private Response as(String user, String password) {
		return ApiClient.as(this.port, user, password).graphql(QUERY);
	}

}
