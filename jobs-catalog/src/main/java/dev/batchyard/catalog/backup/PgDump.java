package dev.batchyard.catalog.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import dev.batchyard.catalog.spi.NonRetryableJobException;

/**
 * A PostgreSQL database's dump through {@code pg_dump} (plain SQL on its standard
 * output). Progress counts the tables whose rows {@code pg_dump --verbose} says it is
 * dumping, against the number of tables counted first. A {@code pg_dump} that is not
 * there, or older than the server (it refuses to dump a newer server), fails the job at
 * once: retrying cannot install a client.
 *
 * @author Batchyard
 */
final class PgDump implements DatabaseDump {

	private static final int KEPT_ERROR_LINES = 10;

	private final BackupSource source;

	PgDump(BackupSource source) {
		this.source = source;
	}

	@Override
	public void writeTo(OutputStream out, IntConsumer progress, BooleanSupplier stop) throws Exception {
		int tables = tables();
		List<String> command = new ArrayList<>(
				List.of(this.source.pgDump(), "--verbose", "--no-password", "--dbname=" + this.source.libpqUrl()));
		if (this.source.username() != null) {
			command.add("--username=" + this.source.username());
		}
		ProcessBuilder builder = new ProcessBuilder(command);
		if (this.source.password() != null) {
			// the environment, not the command line: other users can read a process's
			// arguments
			builder.environment().put("PGPASSWORD", this.source.password());
		}
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new NonRetryableJobException("pg_dump is not installed: '" + this.source.pgDump()
					+ "' was not found or cannot run (" + ex.getMessage() + "); install the PostgreSQL client of the"
					+ " server's version or later, or set batchyard.job-types.database-backup.pg-dump", ex);
		}
		AtomicInteger dumped = new AtomicInteger();
		Deque<String> errors = new ArrayDeque<>();
		Thread stderr = Thread.ofVirtual()
			.name("pg_dump-stderr-" + this.source.label())
			.start(() -> readErrors(process.getErrorStream(), errors,
					() -> progress.accept((tables > 0) ? Math.min(95, dumped.incrementAndGet() * 95 / tables) : 0)));
		try {
			copy(process.getInputStream(), out, stop);
			int exit = process.waitFor();
			stderr.join();
			if (exit != 0) {
				String said = String.join("; ", errors);
				if (said.contains("server version mismatch")) {
					throw new NonRetryableJobException("pg_dump is older than the server and cannot dump it: " + said
							+ "; install the PostgreSQL client of the server's version or later");
				}
				throw new IllegalStateException("pg_dump exited with " + exit + ": " + said);
			}
		}
		finally {
			if (process.isAlive()) {
				process.destroyForcibly();
			}
		}
	}

	private static void copy(InputStream in, OutputStream out, BooleanSupplier stop) throws Exception {
		byte[] buffer = new byte[64 * 1024];
		for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
			out.write(buffer, 0, read);
			if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
				throw new InterruptedException("the backup was stopped");
			}
		}
	}

	private static void readErrors(InputStream stderr, Deque<String> errors, Runnable tableDumped) {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.contains("dumping contents of table")) {
					tableDumped.run();
				}
				else if (!line.startsWith("pg_dump: ") || line.contains("error") || line.contains("detail")
						|| line.contains("hint")) {
					synchronized (errors) {
						errors.addLast(line);
						if (errors.size() > KEPT_ERROR_LINES) {
							errors.removeFirst();
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// the process ended; what it said so far is kept
		}
	}

	private int tables() {
		try (Connection connection = this.source.connect();
				Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_catalog.pg_tables"
						+ " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
			return count.next() ? count.getInt(1) : 0;
		}
		catch (SQLException ex) {
			// progress is a nicety; pg_dump says itself why it cannot connect
			return 0;
		}
	}

}
