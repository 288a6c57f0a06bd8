package dev.batchyard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for a node started on a random port, the way a script or an admin
 * UI calls it: JSON over {@code POST /graphql}, with or without HTTP Basic credentials.
 *
 * @author Batchyard
 */
public final class ApiClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String authorization;

	private ApiClient(String baseUrl, String authorization) {
		this.baseUrl = baseUrl;
		this.authorization = authorization;
	}

	/** A client without credentials. */
	public static ApiClient anonymous(int port) {
		return new ApiClient("http://localhost:" + port, null);
	}

	/** A client that sends HTTP Basic credentials. */
	public static ApiClient as(int port, String user, String password) {
		String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new ApiClient("http://localhost:" + port, "Basic " + token);
	}

	/** A client that sends a bearer token. */
	public static ApiClient bearer(int port, String token) {
		return new ApiClient("http://localhost:" + port, "Bearer " + token);
	}

	/** Sends a GraphQL document with variables. */
	public Response graphql(String document, Map<String, Object> variables) {
		String body = json.writeValueAsString(Map.of("query", document, "variables", variables));
		HttpRequest.Builder request = request("/graphql").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return send(request);
	}

	/** Sends a GraphQL document without variables. */
	public Response graphql(String document) {
		return graphql(document, Map.of());
	}

	/** Sends a GET request to a path such as {@code /actuator/health}. */
	public Response get(String path) {
		return send(request(path).GET());
	}

	/**
	 * Sends any request, for tests of what the API does with requests that are not
	 * GraphQL: another method, content type or body.
	 * @param method the HTTP method
	 * @param path the path, such as {@code /graphql}
	 * @param contentType the content type, or null for none
	 * @param body the body, or null for none
	 * @return the response
	 */
	public Response send(String method, String path, String contentType, String body) {
		HttpRequest.Builder request = request(path).method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return request;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP response.
	 *
	 * @param status the HTTP status
	 * @param headers the headers
	 * @param body the body as text
	 */
	public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

		/** The body as JSON. */
		public JsonNode json() {
			return json.readTree(this.body);
		}

		/** {@code extensions.code} of the first GraphQL error, or null. */
		public String errorCode() {
			JsonNode code = json().path("errors").path(0).path("extensions").path("code");
			return code.isMissingNode() ? null : code.asString();
		}

	}

	/**
	 * The one element of a JSON list whose {@code queueName} is the queue's, failing the
	 * test when there is none or more than one.
	 * @param list the list
	 * @param queue the queue
	 * @return the element
	 */
	public static JsonNode ofQueue(JsonNode list, String queue) {
		java.util.List<JsonNode> found = new java.util.ArrayList<>();
		list.forEach((element) -> {
			if (queue.equals(element.path("queueName").asString())) {
				found.add(element);
			}
		});
		org.assertj.core.api.Assertions.assertThat(found).as(queue).hasSize(1);
		return found.get(0);
	}

}
