package dev.batchyard.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GraphQL-over-WebSocket client ({@code graphql-transport-ws}, the protocol GraphiQL
 * and Spring for GraphQL speak) on the JDK's WebSocket, with HTTP Basic credentials on
 * the handshake as a script or an admin UI sends them.
 *
 * @author Batchyard
 */
public final class GraphQlWebSocket implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebSocket socket;

	private final List<JsonNode> messages = new CopyOnWriteArrayList<>();

	private GraphQlWebSocket(URI uri, String authorization) {
		Listener listener = new Listener();
		WebSocket.Builder builder = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.subprotocols("graphql-transport-ws");
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		try {
			this.socket = builder.buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new CompletionException(ex);
		}
		send(Map.of("type", "connection_init", "payload", Map.of()));
	}

	/** Connects with HTTP Basic credentials and sends {@code connection_init}. */
	public static GraphQlWebSocket connect(int port, String user, String password) {
		String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new GraphQlWebSocket(uri(port), "Basic " + token);
	}

	/** Tries to connect without credentials; the handshake's failure, if any. */
	public static CompletableFuture<WebSocket> connectAnonymously(int port) {
		return HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("graphql-transport-ws")
			.buildAsync(uri(port), new WebSocket.Listener() {
			});
	}

	private static URI uri(int port) {
		return URI.create("ws://localhost:" + port + "/graphql");
	}

	/** Starts a subscription under the given id. */
	public void subscribe(String id, String document, Map<String, Object> variables) {
		send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", document, "variables", variables)));
	}

	/** Every message received so far, oldest first. */
	public List<JsonNode> messages() {
		return List.copyOf(this.messages);
	}

	/** The {@code payload.data} of every {@code next} message of a subscription. */
	public List<JsonNode> data(String id) {
		List<JsonNode> data = new ArrayList<>();
		for (JsonNode message : this.messages) {
			if (id.equals(message.path("id").asString()) && "next".equals(message.path("type").asString())) {
				data.add(message.path("payload").path("data"));
			}
		}
		return data;
	}

	/** Whether the server acknowledged the connection. */
	public boolean acknowledged() {
		return this.messages.stream().anyMatch((message) -> "connection_ack".equals(message.path("type").asString()));
	}

	private void send(Map<String, Object> message) {
		this.socket.sendText(json.writeValueAsString(message), true).join();
	}

	@Override
	public void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
			.orTimeout(5, TimeUnit.SECONDS)
			.exceptionally((ex) -> null);
		this.socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				GraphQlWebSocket.this.messages.add(json.readTree(this.partial.toString()));
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

	}

}
