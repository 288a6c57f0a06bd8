package dev.batchyard.catalog.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.batchyard.catalog.JobRuns;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.DebianPostgres;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * database-backup against real databases: an H2 database dumped with SCRIPT, encrypted
 * and read back; retention of the last N; a real PostgreSQL dumped with the machine's
 * pg_dump and restored; plus the failures a missing or too old pg_dump gives. pg_dump
 * refuses to dump a server newer than itself and the embedded server is 17, so the dump
 * runs against a throwaway server of pg_dump's own major version from Debian's
 * postgresql-N package when that is installed, else against the embedded server when
 * pg_dump is new enough for it, else the test is skipped and says why.
 */
class DatabaseBackupFunctionalTests {

	private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final String H2_URL = "jdbc:h2:mem:s21_backup_source;DB_CLOSE_DELAY=-1";

	@TempDir
	static Path backups;

	private static Node node;

	private static JobRuns runs;

	private static Connection h2;

	/** A server of pg_dump's own major version; {@code null} when none is installed. */
	private static DebianPostgres debian;

	@BeforeAll
	static void startNode() throws SQLException {
		List<String> properties = new ArrayList<>(List.of("batchyard.engine.poll-interval=200ms",
				"batchyard.job-types.database-backup.directory=" + backups.resolve("default"),
				"batchyard.job-types.database-backup.encryption-key=" + Base64.getEncoder().encodeToString(KEY),
				"batchyard.job-types.database-backup.sources.billing.url=" + H2_URL,
				"batchyard.job-types.database-backup.sources.billing.username=sa",
				"batchyard.job-types.database-backup.sources.billing.password=",
				"batchyard.job-types.database-backup.sources.no-client.url=" + TestServers.postgresJdbcUrl(),
				"batchyard.job-types.database-backup.sources.no-client.username=postgres",
				"batchyard.job-types.database-backup.sources.no-client.password=postgres",
				"batchyard.job-types.database-backup.sources.no-client.pg-dump=/nonexistent/bin/pg_dump"));
		int client = pgDumpMajor();
		debian = (client > 0) ? DebianPostgres.startIfInstalled(client).orElse(null) : null;
		if (debian != null) {
			String url = debian.createDatabase("shop");
			try (Connection connection = DriverManager.getConnection(url, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE parcel (id INT PRIMARY KEY, recipient TEXT NOT NULL, grams INT)");
				statement
					.execute("INSERT INTO parcel SELECT i, 'recipient-' || i, i * 10 FROM generate_series(1, 300) i");
			}
			// no pg-dump of its own: the job type uses the PATH's, as it would for a user
			properties.addAll(List.of("batchyard.job-types.database-backup.sources.shop.url=" + url,
					"batchyard.job-types.database-backup.sources.shop.username=postgres",
					"batchyard.job-types.database-backup.sources.shop.password="));
		}
		// the H2 source lives in this JVM; the connection keeps it open
		h2 = DriverManager.getConnection(H2_URL, "sa", "");
		try (Statement statement = h2.createStatement()) {
			statement.execute("CREATE TABLE invoice (id INT PRIMARY KEY, customer VARCHAR(100), cents BIGINT)");
			for (int i = 1; i <= 500; i++) {
				statement.execute("INSERT INTO invoice VALUES (" + i + ", 'customer-" + i + "', " + (i * 100) + ")");
			}
		}
		node = Node.start("backup-node", TestServers.freshPostgresDatabase("database_backup"),
				properties.toArray(String[]::new));
		runs = new JobRuns(node.bean(Jobs.class));
	}

	@AfterAll
	static void stopNode() throws SQLException {
		try {
			node.close();
			h2.close();
		}
		finally {
			if (debian != null) {
				debian.close();
			}
		}
	}

	@Test
	void anH2SourceIsDumpedGzippedAndEncryptedAndReadsBackWithTheKey() throws Exception {
		Path directory = backups.resolve("h2-encrypted");

		Job done = runs.run("database-backup",
				"{\"source\": \"billing\", \"directory\": \"" + directory + "\", \"encrypt\": true}");

		assertThat(done.state()).as(String.valueOf(done.failures())).isEqualTo(JobState.COMPLETED);
		assertThat(done.result()).contains("\"source\":\"billing\"", "\"encrypted\":true");
		Path file = onlyFile(directory);
		assertThat(file.getFileName().toString()).startsWith("batchyard-billing-").endsWith(".sql.gz.enc");
		byte[] sealed = Files.readAllBytes(file);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("INVOICE", "customer-42");
		String sql = gunzip(decrypt(sealed));
		assertThat(sql).contains("CREATE MEMORY TABLE \"PUBLIC\".\"INVOICE\"", "'customer-42'", "'customer-500'");
		assertThat(Pattern.compile("INSERT INTO \"PUBLIC\".\"INVOICE\"").matcher(sql).results().count()).isEqualTo(500);
	}

	@Test
	void theH2DumpReportsProgressRowByRowAsItGoes() throws Exception {
		List<Integer> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
		BackupSource source = new BackupSource("billing", H2_URL, "sa", "", "pg_dump", null);

		new H2Dump(source).writeTo(java.io.OutputStream.nullOutputStream(), reported::add, () -> false);

		assertThat(reported).hasSize(500).isSorted().allSatisfy((percent) -> assertThat(percent).isBetween(0, 95));
		assertThat(reported.get(249)).isBetween(40, 55);
		assertThat(reported.get(499)).isEqualTo(95);
	}

	@Test
	void retentionKeepsTheNewestBackupsOfTheSource() throws Exception {
		Path directory = backups.resolve("retention");
		Files.createDirectories(directory);
		Path unrelated = Files.writeString(directory.resolve("batchyard-other-20200101T000000Z-1.sql.gz"), "x");
		String payload = "{\"source\": \"billing\", \"directory\": \"" + directory
				+ "\", \"keep\": 2, \"encrypt\": false}";

		List<Long> ids = Stream.of(1, 2, 3).map((i) -> runs.run("database-backup", payload).id()).toList();

		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files.map((file) -> file.getFileName().toString()).sorted()).hasSize(3)
				.anyMatch((name) -> name.endsWith(String.format("%012d", ids.get(1)) + ".sql.gz"))
				.anyMatch((name) -> name.endsWith(String.format("%012d", ids.get(2)) + ".sql.gz"))
				.contains(unrelated.getFileName().toString());
		}
		Path newest = directory
			.resolve(runs.awaitFinished(ids.get(2)).result().replaceAll(".*\"file\":\"([^\"]+)\".*", "$1"));
		assertThat(gunzip(Files.readAllBytes(newest))).contains("'customer-7'");
	}

	@Test
	void aPostgresDatabaseIsDumpedWithPgDumpAndRestoresWithItsRows() throws Exception {
		int client = pgDumpMajor();
		Assumptions.assumeTrue(client > 0, "skipped: no pg_dump on the PATH");
		if (debian == null) {
			theOwnPostgresStoreIsDumpedWhenPgDumpIsNewEnough(client);
			return;
		}
		Path directory = backups.resolve("postgres");

		Job done = runs.run("database-backup", "{\"source\": \"shop\", \"directory\": \"" + directory + "\"}");

		assertThat(done.state()).as(String.valueOf(done.failures())).isEqualTo(JobState.COMPLETED);
		assertThat(done.result()).contains("\"source\":\"shop\"", "\"encrypted\":true");
		Path file = onlyFile(directory);
		assertThat(file.getFileName().toString()).startsWith("batchyard-shop-").endsWith(".sql.gz.enc");
		String sql = gunzip(decrypt(Files.readAllBytes(file)));
		assertThat(sql).contains("PostgreSQL database dump", "CREATE TABLE public.parcel",
				"COPY public.parcel (id, recipient, grams) FROM stdin;", "42\trecipient-42\t420\n");
		// restored into an empty database, the dump gives back every row
		Path plain = Files.writeString(backups.resolve("shop.sql"), sql);
		String restored = debian.createDatabase("shop_restored");
		debian.runScript("shop_restored", plain);
		try (Connection connection = DriverManager.getConnection(restored, "postgres", "");
				Statement statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT count(*), sum(grams) FROM parcel")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getLong(1)).isEqualTo(300);
			assertThat(rows.getLong(2)).isEqualTo(451500);
		}
	}

	/**
	 * Without a server of pg_dump's version, the embedded one, when pg_dump can dump it.
	 */
	private void theOwnPostgresStoreIsDumpedWhenPgDumpIsNewEnough(int client) throws Exception {
		int server = serverMajor();
		Assumptions.assumeTrue(client >= server,
				"skipped: the PATH's pg_dump is version " + client + " and the embedded PostgreSQL is " + server
						+ "; pg_dump refuses to dump a newer server" + " (and " + DebianPostgres.binaries(client)
						+ "/postgres, to start a server of pg_dump's version," + " is not installed)");
		Path directory = backups.resolve("postgres");

		Job done = runs.run("database-backup", "{\"directory\": \"" + directory + "\"}");

		assertThat(done.state()).as(String.valueOf(done.failures())).isEqualTo(JobState.COMPLETED);
		String sql = gunzip(decrypt(Files.readAllBytes(onlyFile(directory))));
		assertThat(sql).contains("CREATE TABLE public.job");
	}

	@Test
	void aPgDumpOlderThanTheServerFailsAtOnceSayingSo() {
		int client = pgDumpMajor();
		int server = serverMajor();
		Assumptions.assumeTrue(client > 0 && client < server,
				"skipped: this needs a pg_dump older than the server (pg_dump " + client + ", server " + server + ")");

		Job done = runs.run("database-backup", "{\"directory\": \"" + backups.resolve("too-old") + "\"}");

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.failures().get(0).errorMessage()).contains("pg_dump is older than the server",
				"server version mismatch");
		assertThat(backups.resolve("too-old")).isEmptyDirectory();
	}

	@Test
	void aMissingPgDumpFailsAtOnceSayingSo() {
		Job done = runs.run("database-backup",
				"{\"source\": \"no-client\", \"directory\": \"" + backups.resolve("missing") + "\"}");

		assertThat(done.state()).isEqualTo(JobState.FAILED);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.failures().get(0).errorMessage()).contains("pg_dump is not installed",
				"/nonexistent/bin/pg_dump");
	}

	private static Path onlyFile(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			List<Path> all = files.toList();
			assertThat(all).hasSize(1);
			return all.get(0);
		}
	}

	private static byte[] decrypt(byte[] sealed) throws Exception {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"),
				new GCMParameterSpec(128, Arrays.copyOf(sealed, 12)));
		return cipher.doFinal(sealed, 12, sealed.length - 12);
	}

	private static String gunzip(byte[] gzipped) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** The major version of the PATH's pg_dump, 0 when there is none. */
	private static int pgDumpMajor() {
		try {
			Process process = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
			String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor();
			Matcher version = Pattern.compile("(\\d+)\\.").matcher(said);
			return version.find() ? Integer.parseInt(version.group(1)) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	private static int serverMajor() {
		return node.bean(JdbcTemplate.class).queryForObject("show server_version_num", Integer.class) / 10000;
	}

}
