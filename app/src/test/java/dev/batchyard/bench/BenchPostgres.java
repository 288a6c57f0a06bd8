package dev.batchyard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The bench's PostgreSQL 17 (embedded binaries), shared by the nodes and every baseline.
 * By default it runs as production does: {@code fsync=on} and
 * {@code synchronous_commit=on}, so every commit waits for the disk, for the engine and
 * the baselines alike. {@code -Dbench.pg.fast=true} keeps the embedded server's own
 * settings ({@code -F}: fsync off, {@code synchronous_commit=off}), which flatter every
 * commit-heavy figure.
 *
 * @author Batchyard
 */
final class BenchPostgres {

	private BenchPostgres() {
	}

	static boolean fast() {
		return Boolean.parseBoolean(System.getProperty("bench.pg.fast", "false"));
	}

	/** A JDBC URL to a new, empty database. */
	static String freshDatabase(String name) {
		try (Connection connection = Holder.SERVER.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create bench database " + name, ex);
		}
		return Holder.SERVER.getJdbcUrl("postgres", name);
	}

	/** The durability settings the server runs with, as it reports them. */
	static String durability() {
		try (Connection connection = Holder.SERVER.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_setting('fsync'),"
						+ " current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
			result.next();
			return "fsync=" + result.getString(1) + ", synchronous_commit=" + result.getString(2)
					+ ", full_page_writes=" + result.getString(3);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class Holder {

		static final EmbeddedPostgres SERVER = start();

		private static EmbeddedPostgres start() {
			try (ServerSocket socket = new ServerSocket(0)) {
				EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(socket.getLocalPort());
				if (!fast()) {
					// "-c fsync=on" comes after the embedded server's "-F" and wins
					builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
				}
				// the server's own log, so that a stall in a run can be matched with a
				// checkpoint or a slow statement at the same moment
				Path log = Path.of(System.getProperty("bench.out", "target/bench"), "postgres.log");
				Files.createDirectories(log.getParent());
				builder.setServerConfig("log_checkpoints", "on")
					.setServerConfig("log_min_duration_statement", "100")
					.setServerConfig("log_line_prefix", "%m|%p|")
					.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
					.setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
				socket.close();
				return builder.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the bench's PostgreSQL", ex);
			}
		}

	}

}
