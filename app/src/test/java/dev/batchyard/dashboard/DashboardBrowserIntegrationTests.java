package dev.batchyard.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import dev.batchyard.support.Chromium;
import dev.batchyard.support.HeadlessChromium;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium through
 * Debian's chromedriver (both installed by {@code .ci/run}; nothing is downloaded),
 * against a node on PostgreSQL with jobs in every state. It logs in as admin, reads the
 * cards, filters jobs and opens one, retries a failed job and watches its row change
 * through the subscription without a reload, pauses and resumes a queue, meets a bad
 * cron's error, and logs in as a viewer who finds no action controls. Each page leaves a
 * screenshot in {@code app/target/dashboard-screenshots/}.
 */
class DashboardBrowserIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

	/** Job states the seeded node holds, by state: one job id each. */
	private static final Map<String, String> jobs = new java.util.concurrent.ConcurrentHashMap<>();

	private static Node node;

	private static ApiClient admin;

	@TempDir
	Path profile;

	private Chromium chromium;

	private WebDriver browser;

	@BeforeAll
	static void startNodeWithJobsInEveryState() {
		node = Node.startServing("dashboard-a", TestServers.freshPostgresDatabase("dashboard_browser"),
				"batchyard.security.admin.password=admin-secret", "batchyard.security.viewer.password=viewer-secret",
				"batchyard.api.rate-limit.enabled=false", "batchyard.engine.poll-interval=200ms",
				"batchyard.engine.shutdown-timeout=1s", "batchyard.monitoring.interval=2s",
				"batchyard.monitoring.counts-refresh=500ms");
		admin = ApiClient.as(node.port(), "admin", "admin-secret");
		jobs.put("COMPLETED", enqueue("default", Map.of(), Map.of()));
		jobs.put("FAILED",
				enqueue("high-priority", Map.of("failAttempts", 1, "sleepMs", 1500), Map.of("maxAttempts", 1)));
		jobs.put("DELAYED", enqueue("default", Map.of(), Map.of("delayMs", 3_600_000)));
		jobs.put("ACTIVE", enqueue("low-priority", Map.of("sleepMs", 600_000), Map.of()));
		String cancelled = enqueue("default", Map.of(), Map.of("delayMs", 3_600_000));
		admin.graphql("mutation($id: ID!) { cancelJob(id: $id) { id } }", Map.of("id", cancelled));
		jobs.put("CANCELLED", cancelled);
		admin.graphql("mutation { pauseQueue(queueName: \"search-reindex\") { status } }");
		jobs.put("WAITING", enqueue("search-reindex", Map.of(), Map.of()));
		jobs.forEach((state, id) -> await().atMost(WAIT).until(() -> state.equals(job(id).path("state").asString())));
	}

	@AfterAll
	static void stopNode() {
		if (node != null) {
			node.close();
		}
	}

	@BeforeEach
	void openBrowser() {
		HeadlessChromium.assumeInstalled();
		assertThat(Chromium.DRIVER).as("Debian's chromium-driver").isExecutable();
		this.chromium = Chromium.start(this.profile, 1280, 1000);
		this.browser = this.chromium.driver();
	}

	@AfterEach
	void closeBrowser() {
		if (this.chromium != null) {
			this.chromium.close();
		}
	}

	@Test
	void anAdminLogsInAndSeesTheCardsHealthAlertsAndCharts() throws IOException {
		logIn("admin", "admin-secret");
		awaitText("main .cards", "Waiting");
		@SuppressWarnings("unchecked")
		List<String> cards = (List<String>) script(
				"return [...document.querySelectorAll('main .cards .card')].map((card) => card.innerText.replace(/\\s+/g, ' '))");
		assertThat(cards).anySatisfy((text) -> assertThat(text).startsWith("Queues"))
			.anySatisfy((text) -> assertThat(text).isEqualTo("Active 1"))
			.anySatisfy((text) -> assertThat(text).matches("Failed [1-9].*"))
			.anySatisfy((text) -> assertThat(text).startsWith("Active alerts"));
		awaitText("main", "System health");
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(this.browser.findElements(By.cssSelector("main figure.chart svg"))).hasSize(2));
		screenshot("overview");

		// the other pages an admin reads, for the screenshots and for errors in the page
		go("#/alerts");
		awaitText("main h1", "Alerts");
		screenshot("alerts");
		go("#/limits");
		awaitText("main", "Timeouts");
		assertThat(this.browser.findElements(By.cssSelector("main button[aria-label^='Save']"))).isNotEmpty();
		screenshot("limits");
		go("#/audit");
		awaitText("main table", "pauseQueue");
		screenshot("audit");
		go("#/queues/low-priority");
		awaitText("main", "Cooldown left");
		awaitText("main", "Last decisions");
		// worker memory, with a recycle button per worker of this node
		awaitText("main", "Needs recycle");
		assertThat(this.browser.findElements(By.cssSelector("main button[aria-label^='Recycle low-priority@']")))
			.isNotEmpty();
		assertThat(this.browser.findElements(By.cssSelector("main .message.error"))).isEmpty();
		screenshot("queue");

		this.browser.manage().window().setSize(new Dimension(390, 844));
		go("#/");
		awaitText("main .cards", "Waiting");
		screenshot("overview-390px");
		assertThat(((Number) script("return document.documentElement.scrollWidth")).intValue())
			.as("no sideways scrolling at 390 px")
			.isLessThanOrEqualTo(390);
		assertNoErrorsInThePage();
	}

	@Test
	void anAdminFiltersJobsAndOpensAFailedOneWithItsStack() throws IOException {
		logIn("admin", "admin-secret");
		go("#/jobs");
		awaitText("main .summary", "jobs");
		new Select(this.browser.findElement(By.cssSelector("form.filters select[name=state]"))).selectByValue("FAILED");
		new Select(this.browser.findElement(By.cssSelector("form.filters select[name=queue]")))
			.selectByValue("high-priority");
		this.browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
		await().atMost(WAIT).untilAsserted(() -> {
			List<WebElement> rows = this.browser.findElements(By.cssSelector("main tbody tr[data-job]"));
			assertThat(rows).hasSize(1);
			assertThat(rows.get(0).getAttribute("data-state")).isEqualTo("FAILED");
		});
		assertThat(this.browser.getCurrentUrl()).contains("state=FAILED", "queue=high-priority");
		awaitText("main .summary", "1–1 of 1 jobs");
		screenshot("jobs");

		this.browser.findElement(By.linkText(jobs.get("FAILED"))).click();
		awaitText("main h1", "Job " + jobs.get("FAILED"));
		awaitText("main", "Failures (1)");
		awaitText("main", "probe fails attempt 1 of 1");
		this.browser.findElement(By.cssSelector("main .failures details summary")).click();
		awaitText("main .failures details pre", "ProbeFailureException");
		screenshot("job");
		assertNoErrorsInThePage();
	}

	@Test
	void retryingAFailedJobChangesItsRowLiveWithoutAReload() {
		String id = enqueue("email-retry", Map.of("failAttempts", 1, "sleepMs", 1500), Map.of("maxAttempts", 1));
		await().atMost(WAIT).until(() -> "FAILED".equals(job(id).path("state").asString()));
		logIn("admin", "admin-secret");
		go("#/jobs?state=FAILED&queue=email-retry");
		awaitText("#live", "live");
		WebElement row = awaitRow(id);
		assertThat(row.getAttribute("data-state")).isEqualTo("FAILED");
		// the page records every state the row shows; a reload would lose the marker
		script("window.reloadMarker = 'same page'; window.rowStates = [];"
				+ "setInterval(() => { const row = document.querySelector('tr[data-job=\"" + id + "\"]');"
				+ " const state = row && row.dataset.state;"
				+ " if (state && window.rowStates[window.rowStates.length - 1] !== state) window.rowStates.push(state); }, 25)");

		row.findElement(By.cssSelector("button[aria-label='Retry job " + id + "']")).click();

		await().atMost(WAIT).untilAsserted(() -> {
			@SuppressWarnings("unchecked")
			List<String> seen = (List<String>) script("return window.rowStates");
			// ACTIVE and the outcome after it come only from jobEvents: the retry's own
			// answer is WAITING
			assertThat(seen).contains("ACTIVE");
			assertThat(seen.get(seen.size() - 1)).isIn("COMPLETED", "FAILED");
			assertThat(seen.indexOf("ACTIVE")).isLessThan(seen.size() - 1);
		});
		assertThat(script("return window.reloadMarker")).isEqualTo("same page");
		assertThat(text("#live")).isEqualTo("live");
		String finalState = job(id).path("state").asString();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(text("tr[data-job='" + id + "'] .state")).isEqualTo(finalState));
		assertNoErrorsInThePage();
	}

	@Test
	void anAdminPausesAndResumesAQueue() throws IOException {
		logIn("admin", "admin-secret");
		go("#/queues");
		By pause = By.cssSelector("button[aria-label='Pause cache-maintenance']");
		await().atMost(WAIT).until(() -> !this.browser.findElements(pause).isEmpty());
		this.browser.findElement(pause).click();
		awaitText("tr[data-queue='cache-maintenance'] .state", "PAUSED");
		assertThat(paused("cache-maintenance")).isTrue();
		screenshot("queues");

		By resume = By.cssSelector("button[aria-label='Resume cache-maintenance']");
		await().atMost(WAIT).until(() -> !this.browser.findElements(resume).isEmpty());
		this.browser.findElement(resume).click();
		await().atMost(WAIT).until(() -> !this.browser.findElements(pause).isEmpty());
		assertThat(text("tr[data-queue='cache-maintenance'] .state")).doesNotContain("PAUSED");
		assertThat(paused("cache-maintenance")).isFalse();
		assertNoErrorsInThePage();
	}

	@Test
	void aScheduleWithABadCronShowsTheErrorAndIsNotCreated() throws IOException {
		logIn("admin", "admin-secret");
		go("#/schedules");
		click(By.xpath("//button[text()='New schedule']"));
		type("Name", "nightly-probe");
		type("Job type", "probe");
		type("Cron (seconds first)", "every night at 3");
		click(By.xpath("//button[text()='Create schedule']"));
		awaitText("#schedule-error [role=alert]", "INVALID_CRON");
		assertThat(this.browser.findElement(By.cssSelector("input[name=cron]")).getAttribute("aria-invalid"))
			.isEqualTo("true");
		assertThat(admin.graphql("{ schedule(name: \"nightly-probe\") { name } }").json().at("/data/schedule").isNull())
			.isTrue();
		screenshot("schedule-bad-cron");

		type("Cron (seconds first)", "0 0 3 * * ?");
		click(By.xpath("//button[text()='Create schedule']"));
		awaitText("main table", "nightly-probe");
		assertThat(admin.graphql("{ schedule(name: \"nightly-probe\") { cron } }")
			.json()
			.at("/data/schedule/cron")
			.asString()).isEqualTo("0 0 3 * * ?");
		screenshot("schedules");
		assertNoErrorsInThePage();
	}

	@Test
	void aViewerFindsNoActionControlsOnAnyPage() throws IOException {
		logIn("viewer", "viewer-secret");
		String[] pages = { "#/", "#/queues", "#/queues/default", "#/jobs", "#/jobs/" + jobs.get("FAILED"),
				"#/jobs/" + jobs.get("ACTIVE"), "#/schedules", "#/alerts", "#/limits", "#/audit" };
		for (String page : pages) {
			go(page);
			// the page says when the route's page is drawn
			await().atMost(WAIT).until(() -> page.equals(script("return document.body.dataset.rendered")));
			@SuppressWarnings("unchecked")
			List<String> buttons = (List<String>) script(
					"return [...document.querySelectorAll('main button')].map((button) => button.innerText)");
			// paging and filtering read; nothing else is a control
			assertThat(buttons).as(page).allMatch((text) -> List.of("← Newer", "Older →", "Filter").contains(text));
			assertThat(this.browser.findElements(By.cssSelector("main input[type=number], main textarea"))).as(page)
				.isEmpty();
			if (page.equals("#/queues")) {
				screenshot("viewer-queues");
			}
		}
		assertThat(text("main")).contains("Only admins can read the audit log");
		assertNoErrorsInThePage();
	}

	// ---- the browser ----

	private void logIn(String user, String password) {
		this.browser.get("http://localhost:" + node.port() + "/dashboard");
		new WebDriverWait(this.browser, WAIT).until((driver) -> driver.getCurrentUrl().endsWith("/login"));
		type("User name", user);
		type("Password", password);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(this.browser, WAIT).until((driver) -> driver.getCurrentUrl().contains("/dashboard"));
		awaitText("header .who", user);
	}

	private void go(String hash) {
		script("location.hash = arguments[0]", hash);
	}

	/** Types into the input a label names, as a person would find it. */
	private void type(String label, String text) {
		WebElement input = this.browser.findElement(
				By.id(this.browser.findElement(By.xpath("//label[text()='" + label + "']")).getAttribute("for")));
		input.clear();
		input.sendKeys(text);
	}

	private void click(By by) {
		await().atMost(WAIT).until(() -> !this.browser.findElements(by).isEmpty());
		this.browser.findElement(by).click();
	}

	private WebElement awaitRow(String id) {
		By row = By.cssSelector("tr[data-job='" + id + "']");
		await().atMost(WAIT).until(() -> !this.browser.findElements(row).isEmpty());
		return this.browser.findElement(row);
	}

	/** The text of the first element a selector finds, or null. */
	private String text(String selector) {
		return (String) script("return document.querySelector(arguments[0])?.innerText ?? null", selector);
	}

	/** Waits for text in the first element a selector finds, read as a person sees it. */
	private void awaitText(String selector, String text) {
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			// read in the page at once: the page redraws parts, so an element found
			// first and read afterwards may be gone by then
			Object found = script("return document.querySelector(arguments[0])?.innerText ?? null", selector);
			assertThat(found).as("%s; page errors: %s", selector, this.pageErrors()).isNotNull();
			assertThat((String) found).as(selector).contains(text);
		});
	}

	private Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.browser).executeScript(script, arguments);
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		byte[] png = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.BYTES);
		Path file = Files.write(SCREENSHOTS.resolve(name + ".png"), png);
		assertThat(Files.size(file)).isGreaterThan(5_000);
	}

	private final List<String> errors = new ArrayList<>();

	private List<String> pageErrors() {
		for (LogEntry entry : this.browser.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
				this.errors.add(entry.getMessage());
			}
		}
		return this.errors;
	}

	/** Uncaught errors and Content-Security-Policy violations show up in the console. */
	private void assertNoErrorsInThePage() {
		assertThat(pageErrors()).isEmpty();
	}

	// ---- the API, as a script sees it ----

	private static String enqueue(String queue, Map<String, Object> payload, Map<String, Object> more) {
		Map<String, Object> input = new java.util.HashMap<>(more);
		input.putAll(Map.of("type", "probe", "queueName", queue, "payload", payload));
		Response response = admin.graphql("mutation($input: EnqueueJobInput!) { enqueueJob(input: $input) { id } }",
				Map.of("input", input));
		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		return response.json().at("/data/enqueueJob/id").asString();
	}

	private static JsonNode job(String id) {
		return admin.graphql("query($id: ID!) { job(id: $id) { id state } }", Map.of("id", id)).json().at("/data/job");
	}

	private static boolean paused(String queue) {
		return admin.graphql("query($q: String!) { queue(name: $q) { paused } }", Map.of("q", queue))
			.json()
			.at("/data/queue/paused")
			.asBoolean();
	}

}
