package dev.batchyard.library;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.example.ownjobs.OwnJobsApplication;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batchyard as a library: a tiny Spring Boot application of its own package (its classes
 * only, no Batchyard test code) boots in a JVM of its own with the plain jar
 * {@code target/batchyard-lib.jar} and Batchyard's dependencies on its classpath, and
 * runs its own job type through the engine. Its configuration is the block the README
 * gives. The executable jar stays {@code target/batchyard.jar}.
 */
class OwnJobTypesAsALibraryIntegrationTests {

	private static final Path LIBRARY = Path.of("target", "batchyard-lib.jar");

	@TempDir
	Path temp;

	@Test
	void theLibraryJarIsPlainAndTheExecutableJarStaysExecutable() throws IOException {
		try (JarFile library = new JarFile(LIBRARY.toFile())) {
			assertThat(library.getEntry("dev/batchyard/engine/Jobs.class")).isNotNull();
			assertThat(library
				.getEntry("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
				.isNotNull();
			assertThat(library.getEntry("db/migration/postgresql/V3__batchyard.sql")).isNotNull();
			assertThat(library.getEntry("BOOT-INF/")).isNull();
			assertThat(library.getEntry("application.yml")).isNull();
		}
		try (JarFile executable = new JarFile(Path.of("target", "batchyard.jar").toFile())) {
			assertThat(executable.getManifest().getMainAttributes().getValue("Start-Class"))
				.isEqualTo("dev.batchyard.BatchyardApplication");
			assertThat(executable.getEntry("BOOT-INF/classes/dev/batchyard/engine/Jobs.class")).isNotNull();
		}
	}

	@Test
	void aTinyApplicationWithTheLibraryRunsItsOwnJobTypeThroughTheEngine() throws Exception {
		Path classes = tinyApplication();
		String database = TestServers.freshPostgresDatabase("own_job_types");
		Path log = this.temp.resolve("own-jobs.log");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
				"-cp", classpath(classes), OwnJobsApplication.class.getName(), "--spring.config.name=ownjobs",
				"--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--server.port=0", "--batchyard.node.id=own-jobs");
		Process application = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> !application.isAlive() || "completed".equals(greeting(database)[0]));
			assertThat(application.isAlive()).as(() -> tail(log)).isTrue();
			assertThat(greeting(database)).containsExactly("completed", "{\"greeting\":\"Hello, Ada!\"}");
		}
		finally {
			application.destroy();
			if (!application.waitFor(30, TimeUnit.SECONDS)) {
				application.destroyForcibly();
			}
		}
	}

	/**
	 * The tiny application's classes and configuration, and nothing else of the tests.
	 */
	private Path tinyApplication() throws IOException {
		Path testClasses = Path.of("target", "test-classes");
		Path classes = this.temp.resolve("classes");
		Path ownJobs = Path.of("com", "example", "ownjobs");
		Files.createDirectories(classes.resolve(ownJobs));
		try (Stream<Path> files = Files.list(testClasses.resolve(ownJobs))) {
			for (Path file : files.toList()) {
				Files.copy(file, classes.resolve(ownJobs).resolve(file.getFileName()));
			}
		}
		Files.copy(testClasses.resolve("ownjobs.properties"), classes.resolve("ownjobs.properties"));
		return classes;
	}

	/**
	 * The tiny application, the library jar, and the dependencies, without the app's own
	 * classes.
	 */
	private static String classpath(Path classes) {
		String tests = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> entries = new ArrayList<>(List.of(classes.toString(), LIBRARY.toAbsolutePath().toString()));
		Arrays.stream(tests.split(File.pathSeparator))
			.filter((entry) -> entry.endsWith(".jar"))
			.filter((entry) -> !entry.contains("surefire") && !entry.contains("failsafe"))
			.forEach(entries::add);
		return String.join(File.pathSeparator, entries);
	}

	private static String[] greeting(String database) {
		try (Connection connection = DriverManager.getConnection(database, "postgres", "postgres");
				PreparedStatement query = connection
					.prepareStatement("SELECT state, result FROM job WHERE type = 'greeting'");
				ResultSet row = query.executeQuery()) {
			return row.next() ? new String[] { row.getString(1), row.getString(2) } : new String[] { null, null };
		}
		catch (SQLException ex) {
			// the application has not created its tables yet
			return new String[] { null, null };
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
