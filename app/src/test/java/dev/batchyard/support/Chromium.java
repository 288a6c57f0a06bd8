package dev.batchyard.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver, both at
 * {@code /usr/bin} ({@code .ci/run} installs them): the driver and the browser are given
 * explicitly, so Selenium Manager has nothing to look up or download. The browser
 * resolves only localhost, so a page that needs anything from elsewhere breaks.
 *
 * @author Batchyard
 */
public final class Chromium implements AutoCloseable {

	public static final Path BROWSER = Path.of("/usr/bin/chromium");

	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private Chromium(ChromeDriverService service, ChromeDriver driver) {
		this.service = service;
		this.driver = driver;
	}

	/** Whether both Debian packages are installed. */
	public static boolean installed() {
		return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
	}

	/**
	 * Starts a browser with a fresh profile.
	 * @param profile an empty folder for the profile
	 * @param width the window's width
	 * @param height the window's height
	 * @return the running browser
	 */
	public static Chromium start(Path profile, int width, int height) {
		System.setProperty("webdriver.chrome.driver", DRIVER.toString());
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(DRIVER.toString()))
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toString());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height,
				"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		try {
			return new Chromium(service, new ChromeDriver(service, options));
		}
		catch (RuntimeException ex) {
			service.stop();
			throw ex;
		}
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
		}
	}

}
