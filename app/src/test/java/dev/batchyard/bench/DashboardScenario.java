package dev.batchyard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.batchyard.bench.BenchRunner.log;

/**
 * Scenario 11: the dashboard through a real browser (Debian's headless Chromium, driven
 * by Selenium) on a job table of 1,000,000 jobs (scenario 8's table: 950,000 finished
 * across ten queues, one in 50 failed, and 50,000 waiting). Two timings, each taken by
 * the page itself ({@code performance.now()}):
 * <ul>
 * <li>the overview after a fresh load of {@code /dashboard}: from the start of the
 * navigation until the cards, health and alerts are drawn (the page, its modules, and its
 * GraphQL requests); the charts, which follow, are reported without a target;</li>
 * <li>a filtered jobs page of 50 rows: from the route change (a click on a link would
 * cause the same) until the table is drawn, for a state and queue, in turn the failed
 * jobs of the queue that has them (19,000), the completed jobs of a queue (about 93,000)
 * and its waiting ones (5,000).</li>
 * </ul>
 *
 * @author Batchyard
 */
final class DashboardScenario {

	private static final int FINISHED = 950_000;

	private static final int WAITING = 50_000;

	private static final String[] QUEUES = { "email-campaigns", "asset-processing", "analytics-events",
			"notification-delivery", "payment-processing", "search-index-bulk", "scheduled-emails",
			"tax-form-processing", "message-delivery", "metrics-rollup" };

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final Report report;

	private final BenchRunner.Measure measure;

	private final int loads;

	DashboardScenario(Report report, BenchRunner.Measure measure, boolean quick) {
		this.report = report;
		this.measure = measure;
		this.loads = quick ? 10 : 40;
	}

	void run() throws Exception {
		if (!Chromium.installed()) {
			throw new IllegalStateException("Scenario 11 needs Debian's chromium and chromium-driver at /usr/bin"
					+ " (apt-get install -y chromium chromium-driver)");
		}
		MonitoringScenario table = new MonitoringScenario(BenchPostgres.freshDatabase("bench_dashboard"));
		log("11 dashboard: writing " + FINISHED + " finished and " + WAITING + " waiting jobs");
		table.fill(FINISHED, WAITING);
		Path profile = Files.createTempDirectory("bench-chromium");
		try (BenchNode node = table.node("bench-dashboard", true);
				Chromium chromium = Chromium.start(profile, 1280, 1000)) {
			WebDriver browser = chromium.driver();
			String base = "http://localhost:" + node.port();
			logIn(browser, base);
			Map<String, Measurements> results = this.measure.measure("11 dashboard",
					Map.of("loads", (warm) -> loads(browser, base, warm ? 5 : this.loads)));
			Measurements figures = results.get("loads");
			String rows = (FINISHED + WAITING) + " jobs";
			this.report.row("11 dashboard", "overview drawn after a fresh load, " + rows + ", p50", "ms",
					figures.get("overview p50"));
			this.report.row("11 dashboard", "overview drawn after a fresh load, " + rows + ", p95", "ms",
					figures.get("overview p95"), Report.Target.atMost(1000, "ms"));
			this.report.row("11 dashboard", "overview charts drawn after a fresh load, p95", "ms",
					figures.get("charts p95"));
			this.report.row("11 dashboard", "jobs page, 50 rows, filtered by state and queue, " + rows + ", p50", "ms",
					figures.get("jobs p50"));
			this.report.row("11 dashboard", "jobs page, 50 rows, filtered by state and queue, " + rows + ", p95", "ms",
					figures.get("jobs p95"), Report.Target.atMost(300, "ms"));
		}
		this.report.note("Scenario 11: Debian's headless Chromium through Selenium and chromedriver, 1280x1000, on a"
				+ " node serving default only (its jobs are not in the table), logged in through the form once;"
				+ " timings by the page (performance.now()); " + this.loads + " loads of each page.");
	}

	private static void logIn(WebDriver browser, String base) {
		browser.get(base + "/login");
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys("bench");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(browser, WAIT).until((driver) -> driver.getCurrentUrl().contains("/dashboard"));
	}

	private static Map<String, Double> loads(WebDriver browser, String base, int count) {
		List<Double> overview = new ArrayList<>();
		List<Double> charts = new ArrayList<>();
		List<Double> jobs = new ArrayList<>();
		Map<String, List<Double>> byState = new LinkedHashMap<>();
		JavascriptExecutor page = (JavascriptExecutor) browser;
		for (int i = 0; i < count; i++) {
			browser.get("about:blank");
			browser.get(base + "/dashboard#/");
			awaitRendered(browser, "#/");
			overview.add(number(page.executeScript("return document.body.dataset.renderedAt")));
			new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(10))
				.until((driver) -> page
					.executeScript("return document.querySelector('main .charts')?.dataset.loadedAt") != null);
			charts.add(number(page.executeScript("return document.querySelector('main .charts').dataset.loadedAt")));
			// the table's failed jobs are all on its first queue (one in 50, every tenth
			// on each queue)
			String[] filter = switch (i % 3) {
				case 0 -> new String[] { "FAILED", QUEUES[0] };
				case 1 -> new String[] { "COMPLETED", QUEUES[(i / 3) % QUEUES.length] };
				default -> new String[] { "WAITING", QUEUES[(i / 3) % QUEUES.length] };
			};
			String hash = "#/jobs?state=" + filter[0] + "&queue=" + filter[1];
			page.executeScript("location.hash = arguments[0]", hash);
			awaitRendered(browser, hash);
			long rows = (Long) page.executeScript("return document.querySelectorAll('main tbody tr[data-job]').length");
			if (rows != 50) {
				throw new IllegalStateException(hash + " showed " + rows + " rows, not 50");
			}
			double renderMs = number(page.executeScript("return document.body.dataset.renderMs"));
			jobs.add(renderMs);
			byState.computeIfAbsent("jobs " + filter[0].toLowerCase(java.util.Locale.ROOT), (key) -> new ArrayList<>())
				.add(renderMs);
		}
		Map<String, Double> figures = new LinkedHashMap<>();
		Map<String, List<Double>> timings = new LinkedHashMap<>(
				Map.of("overview", overview, "charts", charts, "jobs", jobs));
		timings.putAll(byState);
		for (Map.Entry<String, List<Double>> timing : timings.entrySet()) {
			figures.put(timing.getKey() + " p50", Measurements.percentile(timing.getValue(), 50));
			figures.put(timing.getKey() + " p95", Measurements.percentile(timing.getValue(), 95));
			figures.put(timing.getKey() + " max", Measurements.percentile(timing.getValue(), 100));
		}
		return figures;
	}

	private static void awaitRendered(WebDriver browser, String hash) {
		new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(10))
			.until((driver) -> hash
				.equals(((JavascriptExecutor) driver).executeScript("return document.body.dataset.rendered")));
	}

	private static double number(Object value) {
		return Double.parseDouble(String.valueOf(value));
	}

}
