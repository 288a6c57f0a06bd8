package dev.batchyard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * The real servers the integration suite runs against: a PostgreSQL 17 started from the
 * embedded binaries on Maven Central and a Redis started from the binary shipped in the
 * embedded-redis jar. Each starts once per test JVM, on a free port, the first time a
 * test asks for it, and stops when the JVM exits. Nothing has to be installed.
 *
 * @author Batchyard
 */
public final class TestServers {

	private TestServers() {
	}

	/** The shared PostgreSQL; started on first use. */
	public static EmbeddedPostgres postgres() {
		return PostgresHolder.SERVER;
	}

	/** A JDBC URL to the {@code postgres} database of the shared PostgreSQL. */
	public static String postgresJdbcUrl() {
		return postgres().getJdbcUrl("postgres", "postgres");
	}

	/**
	 * A JDBC URL to a new, empty database on the shared PostgreSQL, so that a test can
	 * migrate from scratch without seeing what other tests left.
	 * @param name the database name (letters, digits, underscores)
	 * @return the JDBC URL of the new database
	 */
	public static String freshPostgresDatabase(String name) {
		try (var connection = postgres().getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name, ex);
		}
		return postgres().getJdbcUrl("postgres", name);
	}

	/** The shared Redis; started on first use. */
	public static RedisServer redis() {
		return RedisHolder.SERVER.server();
	}

	/** A {@code redis://} URL to the shared Redis. */
	public static String redisUrl() {
		return "redis://127.0.0.1:" + RedisHolder.SERVER.port();
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class PostgresHolder {

		static final EmbeddedPostgres SERVER = start();

		private static EmbeddedPostgres start() {
			try {
				EmbeddedPostgres server = EmbeddedPostgres.builder().setPort(freePort()).start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server), "postgres-stopper"));
				return server;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
			}
		}

		private static void close(EmbeddedPostgres server) {
			try {
				server.close();
			}
			catch (IOException ex) {
				// the JVM is exiting; nothing left to do with a failed stop
			}
		}

	}

	private static final class RedisHolder {

		static final RunningRedis SERVER = start();

		private static RunningRedis start() {
			int port = freePort();
			try {
				RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
				server.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "redis-stopper"));
				return new RunningRedis(server, port);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded Redis", ex);
			}
		}

		private static void stop(RedisServer server) {
			try {
				server.stop();
			}
			catch (IOException ex) {
				// the JVM is exiting; nothing left to do with a failed stop
			}
		}

	}

	private record RunningRedis(RedisServer server, int port) {
	}

}
