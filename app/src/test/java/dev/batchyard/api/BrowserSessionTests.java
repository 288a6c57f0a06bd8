package dev.batchyard.api;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard's browser login beside the API's: a login form with a session cookie
 * afterwards, the CSRF token such a session's requests must carry, logout, and scripts
 * with credentials on every request left as they were (no session, no token).
 */
class BrowserSessionTests extends ApiTestSupport {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern CSRF_META = Pattern.compile("name=\"batchyard-csrf\" content=\"([^\"]+)\"");

	@Test
	void aDashboardPageWithoutASessionLeadsToTheLoginPageAndTheApiStillAnswersUnauthorized() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> dashboard = browser.get("/dashboard");
		assertThat(dashboard.statusCode()).isEqualTo(302);
		assertThat(dashboard.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		HttpResponse<String> login = browser.get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("<form method=\"post\"", "name=\"username\"", "name=\"password\"")
			.containsPattern(CSRF_INPUT);
		assertThat(login.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'self'", "script-src 'self'"));
		assertThat(anonymous().graphql("{ queues { name } }").errorCode()).isEqualTo("UNAUTHORIZED");
		assertThat(anonymous().graphql("{ queues { name } }").status()).isEqualTo(401);
	}

	@Test
	void anAdminLogsInThroughTheFormAndItsMutationsNeedTheSessionsCsrfToken() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> login = browser.logIn("admin", "admin-secret");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/dashboard"));

		HttpResponse<String> dashboard = browser.get("/dashboard");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("content=\"admin\" data-role=\"ADMIN\"", "/dashboard/assets/app.js");
		String token = find(CSRF_META, dashboard.body());

		String pause = "mutation { pauseQueue(queueName: \"search-reindex\") { status } }";
		HttpResponse<String> withoutToken = browser.graphql(pause, null);
		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(json.readTree(withoutToken.body()).at("/errors/0/extensions/code").asString())
			.isEqualTo("FORBIDDEN");
		assertThat(admin().graphql("{ queue(name: \"search-reindex\") { paused } }")
			.json()
			.at("/data/queue/paused")
			.asBoolean()).as("refused without the token: nothing changed").isFalse();

		HttpResponse<String> withToken = browser.graphql(pause, token);
		assertThat(withToken.statusCode()).isEqualTo(200);
		assertThat(json.readTree(withToken.body()).at("/data/pauseQueue/status").asString()).isEqualTo("PAUSED");
		assertThat(json
			.readTree(
					browser.graphql("mutation { resumeQueue(queueName: \"search-reindex\") { status } }", token).body())
			.at("/data/resumeQueue/status")
			.asString()).isEqualTo("ACTIVE");
		assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND operation = 'pauseQueue'"))
			.as("audited like any admin change")
			.isPositive();
	}

	@Test
	void aWrongPasswordGoesBackToTheLoginPageWithAMessageAndNoSession() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> login = browser.logIn("admin", "wrong");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
		assertThat(browser.get("/login?error").body()).contains("Wrong user name or password");
		assertThat(browser.get("/dashboard").statusCode()).isEqualTo(302);
	}

	@Test
	void aLoginFormPostedWithoutTheCsrfTokenIsRefused() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> login = browser.post("/login",
				form(Map.of("username", "admin", "password", "admin-secret")), "application/x-www-form-urlencoded",
				null);
		assertThat(login.statusCode()).isEqualTo(403);
		assertThat(browser.get("/dashboard").statusCode()).isEqualTo(302);
	}

	@Test
	void aViewersSessionSaysItsRoleAndItsMutationsAreForbidden() throws Exception {
		Browser browser = new Browser();
		browser.logIn("viewer", "viewer-secret");
		HttpResponse<String> dashboard = browser.get("/dashboard");
		assertThat(dashboard.body()).contains("data-role=\"VIEWER\"");
		String token = find(CSRF_META, dashboard.body());
		JsonNode refused = json.readTree(
				browser.graphql("mutation { pauseQueue(queueName: \"search-reindex\") { status } }", token).body());
		assertThat(refused.at("/errors/0/extensions/code").asString()).isEqualTo("FORBIDDEN");
		JsonNode queues = json.readTree(browser.graphql("{ queues { name } }", token).body());
		assertThat(queues.at("/data/queues").size()).isPositive();
	}

	@Test
	void logoutEndsTheSession() throws Exception {
		Browser browser = new Browser();
		browser.logIn("admin", "admin-secret");
		String token = find(CSRF_META, browser.get("/dashboard").body());
		HttpResponse<String> logout = browser.post("/logout", form(Map.of("_csrf", token)),
				"application/x-www-form-urlencoded", null);
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?logout"));
		assertThat(browser.get("/dashboard").statusCode()).isEqualTo(302);
		assertThat(browser.get("/login?logout").body()).contains("You are logged out");
	}

	@Test
	void scriptsWithCredentialsKeepNoSessionAndNeedNoToken() {
		Response response = admin().graphql("mutation { pauseQueue(queueName: \"token-cleanup\") { status } }");
		assertThat(response.json().at("/data/pauseQueue/status").asString()).isEqualTo("PAUSED");
		assertThat(response.headers().keySet()).as(response.headers().toString())
			.noneMatch("set-cookie"::equalsIgnoreCase);
		assertThat(admin().graphql("mutation { resumeQueue(queueName: \"token-cleanup\") { status } }")
			.json()
			.at("/data/resumeQueue/status")
			.asString()).isEqualTo("ACTIVE");
	}

	@Test
	void aWebSocketWithTheSessionFromAnotherSitesPageIsRefused() throws Exception {
		Browser browser = new Browser();
		browser.logIn("admin", "admin-secret");
		assertThatThrownBy(() -> browser.webSocket("http://evil.example")).rootCause().hasMessageContaining("403");
		browser.webSocket("http://localhost:" + this.port).sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
	}

	private static String find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
		return matcher.group(1);
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** What a browser keeps: the cookies, and nothing else. */
	private final class Browser {

		private final CookieManager cookies = new CookieManager();

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, String body, String contentType, String csrf)
				throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
				.header("Content-Type", contentType)
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (csrf != null) {
				request.header("X-CSRF-TOKEN", csrf);
			}
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> logIn(String user, String password) throws IOException, InterruptedException {
			String token = find(CSRF_INPUT, get("/login").body());
			return post("/login", form(Map.of("username", user, "password", password, "_csrf", token)),
					"application/x-www-form-urlencoded", null);
		}

		HttpResponse<String> graphql(String document, String csrf) throws IOException, InterruptedException {
			return post("/graphql", json.writeValueAsString(Map.of("query", document)), "application/json", csrf);
		}

		WebSocket webSocket(String origin) throws Exception {
			try {
				return this.http.newWebSocketBuilder()
					.header("Origin", origin)
					.subprotocols("graphql-transport-ws")
					.buildAsync(URI.create("ws://localhost:" + BrowserSessionTests.this.port + "/graphql"),
							new WebSocket.Listener() {
							})
					.get(10, TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.ExecutionException ex) {
				throw new CompletionException(ex.getCause());
			}
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + BrowserSessionTests.this.port + path);
		}

	}

}
