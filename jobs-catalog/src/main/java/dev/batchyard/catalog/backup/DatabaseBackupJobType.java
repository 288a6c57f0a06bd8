package dev.batchyard.catalog.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.sql.DataSource;

import dev.batchyard.catalog.backup.DatabaseBackupProperties.Source;
import dev.batchyard.catalog.spi.Bookkeeping;
import dev.batchyard.catalog.spi.InvalidPayloadException;
import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;
import dev.batchyard.catalog.spi.NonRetryableJobException;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * The built-in {@code database-backup} job type on the {@code low-priority} queue: dumps
 * Batchyard's own store, or a data source named under
 * {@code batchyard.job-types.database-backup.sources}, into a gzipped (and, with a key,
 * AES-GCM encrypted) file, then removes the oldest backups of that source beyond the
 * number to keep. PostgreSQL is dumped with {@code pg_dump}, H2 with its {@code SCRIPT}
 * command; progress is reported as the dump goes. Its result is {@code {source, file,
 * bytes, encrypted, removed}}.
 *
 * @author Batchyard
 */
public class DatabaseBackupJobType implements JobType<DatabaseBackupPayload> {

	/** The type's name. */
	public static final String NAME = "database-backup";

	static final String OWN_STORE = "store";

	private static final JobTypeDescriptor<DatabaseBackupPayload> DESCRIPTOR = new JobTypeDescriptor<>(NAME,
			"low-priority", DatabaseBackupPayload.class);

	private final DatabaseBackupProperties properties;

	private final ObjectProvider<DataSource> store;

	private final Environment environment;

	private final Clock clock;

	public DatabaseBackupJobType(DatabaseBackupProperties properties, ObjectProvider<DataSource> store,
			Environment environment, Clock clock) {
		this.properties = properties;
		this.store = store;
		this.environment = environment;
		this.clock = clock;
	}

	@Override
	public JobTypeDescriptor<DatabaseBackupPayload> descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public Bookkeeping bookkeeping(DatabaseBackupPayload payload) {
		return Bookkeeping.LIGHT;
	}

	/**
	 * A dump of a large database takes a while; an hour, unless the enqueuer says more.
	 */
	@Override
	public Optional<Duration> timeout() {
		return Optional.of(Duration.ofHours(1));
	}

	/**
	 * A source that is not configured, or encryption without a key, is refused at
	 * enqueue.
	 */
	@Override
	public void check(DatabaseBackupPayload payload) {
		if (payload.source() != null && !this.properties.sources().containsKey(payload.source())) {
			throw new InvalidPayloadException("source", "source " + payload.source() + " is not configured; known: "
					+ this.properties.sources().keySet() + " (" + DatabaseBackupProperties.PREFIX + ".sources)");
		}
		if (Boolean.TRUE.equals(payload.encrypt()) && this.properties.key() == null) {
			throw new InvalidPayloadException("encrypt", "encrypt is true but " + DatabaseBackupProperties.PREFIX
					+ ".encryption-key is not set (give it in the environment)");
		}
	}

	@Override
	public Job job(DatabaseBackupPayload payload, JobContext context) {
		return context.job(NAME, context.step("backup").tasklet((contribution, chunk) -> {
			context.result(backup(payload, context));
			context.progress(100);
			return RepeatStatus.FINISHED;
		}, context.transactionManager()).build());
	}

	private BackupResult backup(DatabaseBackupPayload payload, JobContext context) throws Exception {
		try {
			check(payload);
		}
		catch (InvalidPayloadException ex) {
			// the settings changed since the job was enqueued
			throw new NonRetryableJobException(ex.getMessage(), ex);
		}
		BackupSource source = source(payload.source());
		SecretKey key = (payload.encrypt() == null || payload.encrypt()) ? this.properties.key() : null;
		Path directory = (payload.directory() != null) ? Path.of(payload.directory())
				: this.properties.defaultDirectory();
		int keep = (payload.keep() != null) ? payload.keep() : this.properties.keep();
		Path file = directory
			.resolve(BackupFiles.name(source.label(), this.clock.instant(), context.jobId(), key != null));
		context.log("backing up " + source.label() + " (" + dialect(source) + ") to " + file);
		BackupFiles.write(file, key, dump(source), context::progress, context::stopRequested);
		List<String> removed = BackupFiles.retain(directory, source.label(), keep);
		long bytes = Files.size(file);
		context.log("wrote " + bytes + " bytes; removed " + removed.size() + " older backup(s), keeping " + keep);
		return new BackupResult(source.label(), file.toString(), bytes, key != null, removed);
	}

	private BackupSource source(String name) throws Exception {
		if (name != null) {
			Source source = this.properties.sources().get(name);
			return new BackupSource(name, source.url(), source.username(), source.password(),
					(source.pgDump() != null) ? source.pgDump() : this.properties.pgDump(), null);
		}
		DataSource dataSource = this.store.getIfAvailable();
		if (dataSource == null) {
			throw new NonRetryableJobException("there is no data source to back up");
		}
		try (var connection = dataSource.getConnection()) {
			var metadata = connection.getMetaData();
			return new BackupSource(OWN_STORE, metadata.getURL(), metadata.getUserName(),
					this.environment.getProperty("spring.datasource.password"), this.properties.pgDump(), dataSource);
		}
	}

	private static DatabaseDump dump(BackupSource source) {
		if (source.postgres()) {
			return new PgDump(source);
		}
		if (source.h2()) {
			return new H2Dump(source);
		}
		throw new NonRetryableJobException(
				"database-backup knows PostgreSQL and H2; " + source.label() + " is neither (" + dialect(source) + ")");
	}

	private static String dialect(BackupSource source) {
		return source.postgres() ? "PostgreSQL, pg_dump" : source.h2() ? "H2, SCRIPT" : source.url().split(":")[1];
	}

	/**
	 * A backup written.
	 *
	 * @param source the source's name, {@code store} for Batchyard's own
	 * @param file the backup's path
	 * @param bytes its size
	 * @param encrypted whether it is encrypted
	 * @param removed the older backups of the source retention removed
	 */
	public record BackupResult(String source, String file, long bytes, boolean encrypted, List<String> removed) {

	}

}
