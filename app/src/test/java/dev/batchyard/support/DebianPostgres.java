package dev.batchyard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server started from Debian's {@code postgresql-<major>} package
 * ({@code /usr/lib/postgresql/<major>/bin}), for a test that needs a server of one given
 * major version, such as the version of the machine's {@code pg_dump}, which refuses to
 * dump a newer server (the embedded server of {@link TestServers} is 17). It runs from a
 * temporary directory, on a free port on 127.0.0.1 with its socket in that directory,
 * trusting local connections as {@code postgres}; {@link #close()} stops it and deletes
 * the directory. PostgreSQL refuses to run as root, so as root initdb and pg_ctl run as
 * {@code nobody}.
 *
 * @author Batchyard
 */
public final class DebianPostgres implements AutoCloseable {

	private static final String UNPRIVILEGED = "nobody";

	private final Path bin;

	private final Path directory;

	private final int port;

	private DebianPostgres(Path bin, Path directory, int port) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
	}

	/** Where Debian installs the server binaries of a major version. */
	public static Path binaries(int major) {
		return Path.of("/usr/lib/postgresql", Integer.toString(major), "bin");
	}

	/**
	 * Starts a server of the given major version, or returns empty when Debian's binaries
	 * of that version are not installed.
	 * @param major the PostgreSQL major version
	 * @return the running server, or empty
	 */
	public static Optional<DebianPostgres> startIfInstalled(int major) {
		Path bin = binaries(major);
		if (!Files.isExecutable(bin.resolve("postgres")) || !Files.isExecutable(bin.resolve("initdb"))) {
			return Optional.empty();
		}
		Path directory;
		try {
			directory = Files.createTempDirectory("batchyard-pg");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		DebianPostgres server = new DebianPostgres(bin, directory, TestServers.freePort());
		try {
			server.start();
			return Optional.of(server);
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * A JDBC URL to a database of this server, as user {@code postgres} (no password).
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/**
	 * Creates a database on this server.
	 * @param name the database name (letters, digits, underscores)
	 * @return its JDBC URL
	 */
	public String createDatabase(String name) {
		try (var connection = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
				var statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return jdbcUrl(name);
	}

	/**
	 * Runs a SQL script, such as a plain {@code pg_dump} output, into a database of this
	 * server with the server's own {@code psql}, stopping at the first error.
	 * @param database the database
	 * @param script the script file
	 */
	public void runScript(String database, Path script) {
		// psql is a client: it may run as any user, and reads the script on its stdin
		Path output = this.directory.resolve("psql.log");
		try {
			Process process = new ProcessBuilder(this.bin.resolve("psql").toString(), "--no-psqlrc", "--quiet", "-v",
					"ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Integer.toString(this.port), "-U", "postgres", "-d",
					database)
				.redirectInput(script.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("psql failed on " + script + "\n" + Files.readString(output));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted running " + script, ex);
		}
	}

	private void start() {
		if (root()) {
			chown(this.directory, UNPRIVILEGED);
		}
		Path data = this.directory.resolve("data");
		run(this.bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E",
				"UTF8", "--no-sync");
		run(this.bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
				this.directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
				"-p " + this.port + " -k " + this.directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
	}

	/** Stops the server (fast shutdown) and deletes its directory. */
	@Override
	public void close() {
		try {
			if (Files.exists(this.directory.resolve("data/postmaster.pid"))) {
				run(this.bin.resolve("pg_ctl").toString(), "-D", this.directory.resolve("data").toString(), "-m",
						"fast", "-w", "stop");
			}
		}
		finally {
			delete(this.directory);
		}
	}

	private void run(String... command) {
		List<String> line = new ArrayList<>();
		if (root()) {
			line.addAll(List.of("runuser", "-u", UNPRIVILEGED, "--"));
		}
		line.addAll(List.of(command));
		// a file, not a pipe: the server pg_ctl starts must not hold the test's pipe open
		Path output = this.directory.resolve("command.log");
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"Failed: " + String.join(" ", line) + "\n" + Files.readString(output, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + String.join(" ", line), ex);
		}
	}

	private static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static void chown(Path directory, String user) {
		try {
			UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
			Files.setOwner(directory, owner);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
