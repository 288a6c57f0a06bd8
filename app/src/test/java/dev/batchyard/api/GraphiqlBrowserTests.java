package dev.batchyard.api;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.batchyard.support.HeadlessChromium;
import graphql.schema.GraphQLFieldDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GraphiQL in a real browser: Debian's headless Chromium, its network limited to this
 * machine, logs in when the page asks (HTTP Basic, the way a person answers the browser's
 * login prompt), reads the schema in the docs pane and runs a query. Leaves a screenshot
 * in {@code app/target/graphiql/graphiql.png}.
 */
class GraphiqlBrowserTests extends ApiTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	GraphQlSource graphQlSource;

	@TempDir
	Path profile;

	private HeadlessChromium chromium;

	private final List<String> requested = new CopyOnWriteArrayList<>();

	private final List<String> refused = new CopyOnWriteArrayList<>();

	private final List<String> problems = new CopyOnWriteArrayList<>();

	private final AtomicInteger loginPrompts = new AtomicInteger();

	@BeforeEach
	void openBrowser() {
		HeadlessChromium.assumeInstalled();
		this.chromium = HeadlessChromium.start(this.profile, 1400, 860);
		this.chromium.on("Fetch.requestPaused", this::leaveOnlyThisMachine);
		this.chromium.on("Fetch.authRequired", this::logIn);
		this.chromium.on("Network.requestWillBeSent",
				(event) -> this.requested.add(event.path("request").path("url").asString()));
		this.chromium.on("Runtime.exceptionThrown", (event) -> this.problems.add(event.toString()));
		this.chromium.on("Log.entryAdded", (event) -> {
			if ("error".equals(event.path("entry").path("level").asString())) {
				this.problems.add(
						event.path("entry").path("text").asString() + " " + event.path("entry").path("url").asString());
			}
		});
		this.chromium.send("Fetch.enable",
				Map.of("handleAuthRequests", true, "patterns", List.of(Map.of("urlPattern", "*"))));
		this.chromium.send("Network.enable");
		this.chromium.send("Runtime.enable");
		this.chromium.send("Log.enable");
		this.chromium.send("Page.enable");
	}

	@AfterEach
	void closeBrowser() {
		if (this.chromium != null) {
			this.chromium.close();
		}
	}

	@Test
	void graphiqlShowsTheSchemaAndRunsAQueryWithoutLeavingThisMachine() throws IOException {
		this.chromium.send("Page.navigate", Map.of("url", "http://localhost:" + this.port + "/graphiql"));
		awaitText(".graphiql-container", "GraphiQL");

		// the docs pane, from the introspection GraphiQL sent on load
		this.chromium.evaluate("document.querySelector('[aria-label=\"Show Documentation Explorer\"]').click()");
		awaitText(".graphiql-doc-explorer", "query: Query");
		this.chromium.evaluate("[...document.querySelectorAll('.graphiql-doc-explorer a')]"
				+ ".find((link) => link.innerText === 'Query').click()");
		List<String> queryFields = this.graphQlSource.schema()
			.getQueryType()
			.getFieldDefinitions()
			.stream()
			.map(GraphQLFieldDefinition::getName)
			.toList();
		awaitText(".graphiql-doc-explorer", "rateLimitStatus");
		String docs = text(".graphiql-doc-explorer");
		assertThat(queryFields).hasSizeGreaterThan(5)
			.allSatisfy((field) -> assertThat(docs).containsPattern("(?m)^" + field + "[(:]"));

		// a query typed into the editor and run with the run button
		this.chromium.evaluate("document.querySelector('.graphiql-query-editor .CodeMirror')"
				+ ".CodeMirror.setValue('{ queues { name } }')");
		this.chromium.evaluate("document.querySelector('.graphiql-execute-button').click()");
		awaitText(".graphiql-response", "payment-processing");
		assertThat(text(".graphiql-response")).contains("\"queues\"", "\"name\": \"payment-processing\"")
			.doesNotContain("errors");

		Path screenshot = screenshot(Path.of("target", "graphiql", "graphiql.png"));
		assertThat(Files.size(screenshot)).isGreaterThan(10_000);

		// a dialog: Radix adds a style element to the page while one is open
		this.chromium.evaluate("document.querySelector('[aria-label=\"Open settings dialog\"]').click()");
		awaitText("[role=dialog]", "Persist headers");

		this.chromium.settle();
		assertThat(this.chromium.listenerFailures()).isEmpty();
		assertThat(this.loginPrompts).as("the browser asked for a login").hasPositiveValue();
		assertThat(this.refused).as("requests to other hosts").isEmpty();
		assertThat(this.requested).isNotEmpty()
			.allSatisfy((url) -> assertThat(url).matches("(http://localhost:" + this.port + "/|data:).*"));
		assertThat(this.requested).contains("http://localhost:" + this.port + "/graphql");
		assertThat(this.problems).as("errors in the page (a Content-Security-Policy violation is one)").isEmpty();
	}

	/** Lets requests to this node through; fails any other, and remembers it. */
	private void leaveOnlyThisMachine(JsonNode event) {
		String url = event.path("request").path("url").asString();
		String requestId = event.path("requestId").asString();
		if (url.startsWith("data:") || "localhost".equals(URI.create(url).getHost())) {
			this.chromium.send("Fetch.continueRequest", Map.of("requestId", requestId));
		}
		else {
			this.refused.add(url);
			this.chromium.send("Fetch.failRequest", Map.of("requestId", requestId, "errorReason", "BlockedByClient"));
		}
	}

	/** What a person types into the browser's login prompt. */
	private void logIn(JsonNode event) {
		this.loginPrompts.incrementAndGet();
		assertThat(event.path("authChallenge").path("scheme").asString()).isEqualToIgnoringCase("basic");
		this.chromium.send("Fetch.continueWithAuth",
				Map.of("requestId", event.path("requestId").asString(), "authChallengeResponse",
						Map.of("response", "ProvideCredentials", "username", "viewer", "password", "viewer-secret")));
	}

	private void awaitText(String selector, String text) {
		await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(text(selector)).as("%s; problems so far: %s", selector, this.problems)
				.contains(text));
	}

	/** The text a person sees in the element: innerText leaves hidden parts out. */
	private String text(String selector) {
		return this.chromium.evaluate("document.querySelector('" + selector + "')?.innerText ?? ''").asString();
	}

	private Path screenshot(Path file) throws IOException {
		String png = this.chromium.send("Page.captureScreenshot", Map.of("format", "png")).path("data").asString();
		Files.createDirectories(file.getParent());
		return Files.write(file, Base64.getDecoder().decode(png));
	}

}
