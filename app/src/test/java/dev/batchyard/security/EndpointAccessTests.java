package dev.batchyard.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Every HTTP endpoint of a node with the shipped configuration, without credentials, as a
 * VIEWER and as an ADMIN: the GraphQL endpoint, GraphiQL and the printed schema, the
 * subscriptions' WebSocket handshake, and every actuator endpoint application.yml exposes
 * (health, info, metrics, prometheus, and the index). And the security headers on what
 * they answer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:endpoint-access;DB_CLOSE_DELAY=-1",
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret" })
class EndpointAccessTests {

	private static final String QUERY = "{ queues { name } }";

	private static final String MUTATION = "mutation { pauseQueue(queueName: \"default\") { success } }";

	/** GET paths that only an ADMIN may read. */
	private static final List<String> ADMIN_ONLY = List.of("/actuator", "/actuator/info", "/actuator/metrics",
			"/actuator/metrics/jvm.memory.used", "/actuator/prometheus");

	/**
	 * GET paths for every role of a person (ADMIN and VIEWER); {@code /graphiql} answers
	 * 307 to the page with its endpoint in the query.
	 */
	private static final List<String> PEOPLE = List.of("/graphiql", "/graphiql?path=/graphql", "/graphql/schema");

	/** GET paths open to anyone: a load balancer's probes. */
	private static final List<String> OPEN = List.of("/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness");

	@LocalServerPort
	int port;

	@Test
	void withoutCredentialsOnlyTheHealthProbesAnswerAndEverythingElseIs401Unauthorized() {
		ApiClient anonymous = ApiClient.anonymous(this.port);

		assertSoftly((softly) -> {
			Response graphql = anonymous.graphql(QUERY);
			softly.assertThat(graphql.status()).as("POST /graphql").isEqualTo(401);
			softly.assertThat(graphql.errorCode()).as("POST /graphql").isEqualTo("UNAUTHORIZED");
			for (String path : concat(ADMIN_ONLY, PEOPLE)) {
				softly.assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
			}
			for (String path : OPEN) {
				softly.assertThat(anonymous.get(path).status()).as(path).isEqualTo(200);
			}
			softly.assertThat(anonymous.get("/actuator/health").body())
				.as("no details without a login")
				.doesNotContain("components");
			softly.assertThat(handshake(null)).as("WebSocket handshake").isEqualTo(401);
		});
	}

	@Test
	void aViewerMayQueryAndSubscribeAndOpenGraphiqlButNotChangeAnythingOrReadTheActuator() {
		ApiClient viewer = ApiClient.as(this.port, "viewer", "viewer-secret");

		assertSoftly((softly) -> {
			softly.assertThat(viewer.graphql(QUERY).status()).as("POST /graphql query").isEqualTo(200);
			Response mutation = viewer.graphql(MUTATION);
			softly.assertThat(mutation.errorCode()).as("POST /graphql mutation").isEqualTo("FORBIDDEN");
			for (String path : ADMIN_ONLY) {
				Response response = viewer.get(path);
				softly.assertThat(response.status()).as(path).isEqualTo(403);
				softly.assertThat(response.errorCode()).as(path).isEqualTo("FORBIDDEN");
			}
			for (String path : concat(PEOPLE, OPEN)) {
				softly.assertThat(viewer.get(path).status()).as(path).isEqualTo(allowed(path));
			}
			softly.assertThat(viewer.get("/actuator/health").body())
				.as("details are for admins")
				.doesNotContain("components");
			softly.assertThat(handshake(basic("viewer", "viewer-secret"))).as("WebSocket handshake").isEqualTo(101);
		});
	}

	@Test
	void anAdminMayUseEveryEndpoint() {
		ApiClient admin = ApiClient.as(this.port, "admin", "admin-secret");

		assertSoftly((softly) -> {
			softly.assertThat(admin.graphql(QUERY).status()).as("POST /graphql query").isEqualTo(200);
			Response mutation = admin.graphql(MUTATION);
			softly.assertThat(mutation.json().path("errors").isMissingNode()).as(mutation.body()).isTrue();
			admin.graphql("mutation { resumeQueue(queueName: \"default\") { success } }");
			for (String path : concat(concat(ADMIN_ONLY, PEOPLE), OPEN)) {
				softly.assertThat(admin.get(path).status()).as(path).isEqualTo(allowed(path));
			}
			softly.assertThat(admin.get("/actuator/health").body()).as("details for an admin").contains("components");
			softly.assertThat(handshake(basic("admin", "admin-secret"))).as("WebSocket handshake").isEqualTo(101);
		});
	}

	@Test
	void wrongCredentialsAre401OnEveryEndpointButTheHealthProbes() {
		ApiClient wrong = ApiClient.as(this.port, "admin", "not-the-password");

		assertSoftly((softly) -> {
			softly.assertThat(wrong.graphql(QUERY).status()).as("POST /graphql").isEqualTo(401);
			for (String path : concat(ADMIN_ONLY, PEOPLE)) {
				softly.assertThat(wrong.get(path).status()).as(path).isEqualTo(401);
			}
			softly.assertThat(handshake(basic("admin", "not-the-password"))).as("WebSocket handshake").isEqualTo(401);
		});
	}

	@Test
	void everyAnswerCarriesTheSecurityHeaders() {
		ApiClient admin = ApiClient.as(this.port, "admin", "admin-secret");
		Map<String, Response> answers = Map.of("API answer", admin.graphql(QUERY), "API refusal",
				ApiClient.anonymous(this.port).graphql(QUERY), "GraphiQL", admin.get("/graphiql?path=/graphql"),
				"actuator", admin.get("/actuator/metrics"), "health",
				ApiClient.anonymous(this.port).get("/actuator/health"));

		assertSoftly((softly) -> answers.forEach((name, response) -> {
			softly.assertThat(header(response, "x-content-type-options")).as(name).isEqualTo("nosniff");
			softly.assertThat(header(response, "x-frame-options")).as(name).isEqualTo("DENY");
			softly.assertThat(header(response, "content-security-policy")).as(name).contains("frame-ancestors 'none'");
			softly.assertThat(header(response, "referrer-policy")).as(name).isEqualTo("no-referrer");
			softly.assertThat(header(response, "cache-control")).as(name).contains("no-store");
		}));
	}

	/**
	 * Opens a WebSocket handshake on the subscriptions path by hand (the JDK's client
	 * hides the status of a refused one) and returns the status it gets.
	 */
	private int handshake(String authorization) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			String request = "GET /graphql HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n"
					+ ((authorization != null) ? "Authorization: " + authorization + "\r\n" : "") + "\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String statusLine = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return Integer.parseInt(statusLine.split(" ")[1]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The status of an allowed GET: the bare GraphiQL path redirects to the page. */
	private static int allowed(String path) {
		return path.equals("/graphiql") ? 307 : 200;
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String header(Response response, String name) {
		List<String> values = response.headers().get(name);
		return (values != null) ? String.join(", ", values) : null;
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

}
