package dev.batchyard.security;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's login form counts wrong passwords like HTTP Basic does: past the limit
 * the form is sent back to the login page with the wait, even with the right password,
 * and the lock-out is audited.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:form-login-lockout;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.lockout.max-failures=3",
				"batchyard.security.lockout.duration=1m" })
class FormLoginLockoutTests {

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void wrongPasswordsInTheLoginFormLockTheUserOutOfTheForm() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		for (int i = 0; i < 3; i++) {
			assertThat(logIn(browser, "admin", "wrong-" + i)).endsWith("/login?error");
		}
		String locked = logIn(browser, "admin", "admin-secret");
		assertThat(locked).contains("/login?locked=");
		String page = browser
			.send(HttpRequest.newBuilder(URI.create(locked)).GET().build(), HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(page).contains("Too many wrong passwords from this address; try again in");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE operation = 'loginLockout' AND actor = 'admin'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	/** Posts the login form; where the server sends the browser next. */
	private String logIn(HttpClient browser, String user, String password) throws Exception {
		String form = browser
			.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = CSRF_INPUT.matcher(form);
		assertThat(csrf.find()).isTrue();
		String body = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> response = browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(302);
		return URI.create("http://localhost:" + this.port)
			.resolve(response.headers().firstValue("Location").orElseThrow())
			.toString();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
