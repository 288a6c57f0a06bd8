package dev.batchyard.cli.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends one GraphQL document to a node's {@code POST /graphql} and returns the
 * {@code data} of the answer, or throws the first error's code and message.
 */
final class GraphQlClient {

	private final URI endpoint;

	private final String authorization;

	private final HttpClient http;

	GraphQlClient(URI endpoint, String authorization) {
		this.endpoint = endpoint;
		this.authorization = authorization;
		HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
		if ("http".equals(endpoint.getScheme())) {
			http.sslContext(noTls());
		}
		this.http = http.build();
	}

	/**
	 * A TLS context that trusts nobody, for a plain-http endpoint, where TLS is never
	 * used: the default one reads the JDK's CA certificates, a tenth of the tool's start.
	 * Were it ever used, every handshake would fail, never pass.
	 */
	private static SSLContext noTls() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(new KeyManager[0], new TrustManager[0], null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK has no TLS", ex);
		}
	}

	/**
	 * The endpoint for a base URL such as {@code http://localhost:8080} (or one ending in
	 * /graphql).
	 */
	static URI endpoint(String url) {
		String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		URI uri;
		try {
			uri = URI.create(trimmed.endsWith("/graphql") ? trimmed : trimmed + "/graphql");
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("--url is not a URL: " + url);
		}
		if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new UsageException("--url must be an http or https URL such as http://localhost:8080, not " + url);
		}
		return uri;
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Runs a document.
	 * @param document the query or mutation
	 * @param variables its variables
	 * @return the answer's {@code data}
	 * @throws ApiException for an answer with errors
	 * @throws UnreachableException when no GraphQL answer came
	 */
	JsonNode execute(String document, ObjectNode variables) {
		ObjectNode body = Json.object();
		body.put("query", document);
		body.set("variables", variables);
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Json.write(body, false)));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		HttpResponse<String> response = send(request.build());
		JsonNode answer;
		try {
			answer = Json.read(response.body());
		}
		catch (JacksonException ex) {
			throw new UnreachableException("The answer from " + this.endpoint + " (HTTP " + response.statusCode()
					+ ") is not GraphQL; is --url a Batchyard node?");
		}
		JsonNode error = answer.path("errors").path(0);
		if (!error.isMissingNode()) {
			JsonNode code = error.path("extensions").path("code");
			throw new ApiException(code.isString() ? code.asString() : "HTTP_" + response.statusCode(),
					error.path("message").asString(""));
		}
		if (response.statusCode() != 200 || !answer.has("data")) {
			throw new UnreachableException("HTTP " + response.statusCode() + " from " + this.endpoint
					+ " without a GraphQL answer; is --url a Batchyard node?");
		}
		return answer.path("data");
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpConnectTimeoutException ex) {
			throw new UnreachableException(
					"Cannot reach Batchyard at " + this.endpoint + ": the connection timed out.");
		}
		catch (HttpTimeoutException ex) {
			throw new UnreachableException("Batchyard at " + this.endpoint + " did not answer within 60 s.");
		}
		catch (ConnectException ex) {
			throw new UnreachableException("Cannot reach Batchyard at " + this.endpoint
					+ ": the connection was refused (is the node running? set --url or BATCHYARD_URL).");
		}
		catch (IOException ex) {
			throw new UnreachableException("Cannot reach Batchyard at " + this.endpoint + ": "
					+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName()) + ".");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnreachableException("Interrupted while waiting for " + this.endpoint + ".");
		}
	}

}
