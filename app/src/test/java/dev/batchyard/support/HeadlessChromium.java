package dev.batchyard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's headless Chromium ({@code apt-get install chromium}), driven over the Chrome
 * DevTools protocol on the JDK's WebSocket client: nothing is downloaded, no driver
 * binary is involved. Its network is limited to this machine: every host name but
 * localhost fails to resolve, and any proxied request goes to a closed local port.
 * <p>
 * One page (tab) per browser; {@link #send} runs a protocol command on it and {@link #on}
 * listens to its events (on a thread of its own, which may send commands).
 *
 * @author Batchyard
 */
public final class HeadlessChromium implements AutoCloseable {

	/** Where Debian's {@code chromium} package puts the browser. */
	public static final Path BINARY = Path.of("/usr/bin/chromium");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Process process;

	private final WebSocket socket;

	private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	private final Map<String, List<Consumer<JsonNode>>> listeners = new ConcurrentHashMap<>();

	private final ExecutorService events = Executors
		.newSingleThreadExecutor((task) -> new Thread(task, "chromium-events"));

	private final AtomicInteger ids = new AtomicInteger();

	private final List<String> listenerFailures = new CopyOnWriteArrayList<>();

	private final Object sending = new Object();

	private volatile String sessionId;

	private HeadlessChromium(Process process, URI browserSocket) {
		this.process = process;
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(browserSocket, new Receiver())
			.join();
	}

	/**
	 * Skips the calling test when Chromium is not installed, with how to install it; on
	 * CI ({@code CI=true}) fails it instead, since {@code .ci/run} installs it.
	 */
	public static void assumeInstalled() {
		if (Files.isExecutable(BINARY)) {
			return;
		}
		String install = "Chromium is not installed at " + BINARY
				+ "; install Debian's packages with: apt-get update && apt-get install -y chromium chromium-driver";
		if ("true".equals(System.getenv("CI"))) {
			Assertions.fail(install + " (.ci/run does this)");
		}
		Assumptions.abort(install);
	}

	/**
	 * Starts the browser with an empty profile in the given folder and opens one blank
	 * page.
	 */
	public static HeadlessChromium start(Path userDataDir, int width, int height) {
		List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
				"--user-data-dir=" + userDataDir, "--remote-debugging-port=0", "--window-size=" + width + "," + height,
				// only localhost resolves; anything sent to a proxy meets a closed port
				"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
				"--proxy-server=http://127.0.0.1:" + closedPort(), "--proxy-bypass-list=localhost;127.0.0.1",
				"about:blank"));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(userDataDir.resolve("chromium.log").toFile())
				.start();
			HeadlessChromium chromium = new HeadlessChromium(process, browserSocket(userDataDir, process));
			chromium.openPage();
			return chromium;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs a protocol command on the page and returns its result. */
	public JsonNode send(String method, Map<String, Object> params) {
		return call(method, params, this.sessionId);
	}

	/** Runs a protocol command on the page without parameters. */
	public JsonNode send(String method) {
		return send(method, Map.of());
	}

	/** Calls the listener with the parameters of every event of that name. */
	public void on(String method, Consumer<JsonNode> listener) {
		this.listeners.computeIfAbsent(method, (name) -> new CopyOnWriteArrayList<>()).add(listener);
	}

	/** What the listeners threw, each with the event it was given. */
	public List<String> listenerFailures() {
		return List.copyOf(this.listenerFailures);
	}

	/** Evaluates a JavaScript expression in the page; its value as JSON. */
	public JsonNode evaluate(String expression) {
		JsonNode result = send("Runtime.evaluate",
				Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
		if (result.has("exceptionDetails")) {
			throw new IllegalStateException("The page threw on " + expression + ": " + result.get("exceptionDetails"));
		}
		return result.path("result").path("value");
	}

	/**
	 * Returns once every event the page sent so far has reached its listeners.
	 */
	public void settle() {
		// the answer comes after every event sent before it
		send("Runtime.evaluate", Map.of("expression", "0"));
		try {
			this.events.submit(() -> {
			}).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The page's events did not settle", ex);
		}
	}

	@Override
	public void close() {
		try {
			call("Browser.close", Map.of(), null);
		}
		catch (RuntimeException ex) {
			// it may be gone already; the process is ended below either way
		}
		this.socket.abort();
		this.events.shutdownNow();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private void openPage() {
		String targetId = call("Target.createTarget", Map.of("url", "about:blank"), null).path("targetId").asString();
		this.sessionId = call("Target.attachToTarget", Map.of("targetId", targetId, "flatten", true), null)
			.path("sessionId")
			.asString();
	}

	private JsonNode call(String method, Map<String, Object> params, String session) {
		int id = this.ids.incrementAndGet();
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", id);
		message.put("method", method);
		message.put("params", params);
		if (session != null) {
			message.put("sessionId", session);
		}
		CompletableFuture<JsonNode> reply = new CompletableFuture<>();
		this.pending.put(id, reply);
		synchronized (this.sending) {
			// one message at a time: the WebSocket refuses a send while one is under way
			this.socket.sendText(json.writeValueAsString(message), true).join();
		}
		JsonNode answer = reply.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
		if (answer.has("error")) {
			throw new IllegalStateException(method + " failed: " + answer.get("error"));
		}
		return answer.path("result");
	}

	/** Chromium writes its DevTools port and path to the profile once it listens. */
	private static URI browserSocket(Path userDataDir, Process process) throws IOException {
		Path file = userDataDir.resolve("DevToolsActivePort");
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Chromium exited at start with " + process.exitValue() + ": "
						+ Files.readString(userDataDir.resolve("chromium.log")));
			}
			List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
			if (lines.size() >= 2) {
				return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("Chromium did not open its DevTools port within " + TIMEOUT);
	}

	/** A local port nothing listens on. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private final class Receiver implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				JsonNode message = json.readTree(this.text.toString());
				this.text.setLength(0);
				if (message.has("id")) {
					CompletableFuture<JsonNode> reply = HeadlessChromium.this.pending.remove(message.get("id").asInt());
					if (reply != null) {
						reply.complete(message);
					}
				}
				else {
					dispatch(message);
				}
			}
			webSocket.request(1);
			return null;
		}

		private void dispatch(JsonNode message) {
			List<Consumer<JsonNode>> listeners = HeadlessChromium.this.listeners
				.getOrDefault(message.path("method").asString(), List.of());
			for (Consumer<JsonNode> listener : listeners) {
				HeadlessChromium.this.events.execute(() -> {
					try {
						listener.accept(message.path("params"));
					}
					catch (RuntimeException | AssertionError ex) {
						// the events thread goes on; the test sees it in
						// listenerFailures()
						HeadlessChromium.this.listenerFailures.add(message.path("method").asString() + ": " + ex);
					}
				});
			}
		}

	}

}
