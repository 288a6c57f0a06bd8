package dev.batchyard.catalog.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import dev.batchyard.catalog.spi.InvalidPayloadException;
import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;
import dev.batchyard.catalog.spi.NonRetryableJobException;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The built-in {@code report-generation} job type on the {@code low-priority} queue: a
 * Spring Batch job of two steps. {@code rows} reads the report's query in chunks, turns
 * each row's values into plain ones and writes them to {@code <file>.part} as CSV or
 * JSON; {@code publish} renames the file and sets the result {@code {file, format, rows,
 * resumedAtRow, resumedAtChunk}}. The job keeps Batch's JDBC records
 * ({@link dev.batchyard.catalog.spi.Bookkeeping#DURABLE}), so a failed attempt's retry
 * resumes at the chunk that failed, with the rows of the committed chunks kept in the
 * file, and skips {@code rows} altogether when only {@code publish} failed.
 * <p>
 * The query runs on a read-only connection to Batchyard's store: a report reads, it never
 * changes anything.
 *
 * @author Batchyard
 */
public class ReportGenerationJobType implements JobType<ReportPayload> {

	/** The type's name. */
	public static final String NAME = "report-generation";

	private static final JobTypeDescriptor<ReportPayload> DESCRIPTOR = new JobTypeDescriptor<>(NAME, "low-priority",
			ReportPayload.class);

	private static final String QUERIES_OFF = "query is not allowed: batchyard.job-types.report.queries-allowed is"
			+ " false (the default); name an analytics view with view instead";

	private final ReportJobProperties properties;

	private final ObjectProvider<DataSource> store;

	public ReportGenerationJobType(ReportJobProperties properties, ObjectProvider<DataSource> store) {
		this.properties = properties;
		this.store = store;
	}

	@Override
	public JobTypeDescriptor<ReportPayload> descriptor() {
		return DESCRIPTOR;
	}

	/**
	 * A report over a large table takes a while; half an hour, unless the enqueuer says
	 * more.
	 */
	@Override
	public Optional<Duration> timeout() {
		return Optional.of(Duration.ofMinutes(30));
	}

	/** A query of the payload's own is refused at enqueue unless queries are allowed. */
	@Override
	public void check(ReportPayload payload) {
		if (payload.query() != null && !this.properties.queriesAllowed()) {
			throw new InvalidPayloadException("query", QUERIES_OFF);
		}
	}

	@Override
	public Job job(ReportPayload payload, JobContext context) {
		if (payload.query() != null && !this.properties.queriesAllowed()) {
			// switched off since the job was enqueued
			throw new NonRetryableJobException(QUERIES_OFF);
		}
		DataSource dataSource = this.store.getIfAvailable();
		if (dataSource == null) {
			throw new NonRetryableJobException("there is no data source to report on");
		}
		DataSource readOnly = new ReadOnlyDataSource(dataSource);
		Path file = this.properties.directoryPath()
			.resolve((payload.fileName() != null) ? payload.fileName()
					: "report-" + context.jobId() + "." + payload.format());
		Path part = file.resolveSibling(file.getFileName() + ".part");
		ReportReader reader = new ReportReader(readOnly, payload.sql(), payload.chunkSize(), context::progress);
		Step rows = context.step("rows")
			.<Map<String, Object>, Map<String, Object>>chunk(payload.chunkSize(), context.transactionManager())
			.reader(reader)
			.processor(ReportWriters.plainValues())
			.writer(ReportWriters.writer(payload.format(), part, readOnly, payload.sql()))
			.build();
		Step publish = context.step("publish").tasklet((contribution, chunk) -> {
			StepExecution rowsStep = context.jobRepository()
				.getLastStepExecution(chunk.getStepContext().getStepExecution().getJobExecution().getJobInstance(),
						"rows");
			long written = (rowsStep != null) ? rowsStep.getExecutionContext().getLong(ReportReader.ROWS, 0L) : 0;
			if (Files.exists(part)) {
				Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			boolean resumed = reader.resumedAt() > 0;
			context.log("wrote " + written + " rows to " + file
					+ (resumed ? ", resuming after row " + reader.resumedAt() : ""));
			context.result(
					new ReportResult(file.toString(), payload.format(), written, resumed ? reader.resumedAt() : null,
							resumed ? Long.valueOf(reader.resumedAt() / payload.chunkSize() + 1) : null));
			return RepeatStatus.FINISHED;
		}, context.transactionManager()).build();
		createDirectory(file.getParent());
		return context.job(NAME, rows, publish);
	}

	private static void createDirectory(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (java.io.IOException ex) {
			throw new NonRetryableJobException("cannot create the report directory " + directory + ": " + ex, ex);
		}
	}

	/**
	 * A written report.
	 *
	 * @param file the report's path
	 * @param format csv or json
	 * @param rows how many rows it holds
	 * @param resumedAtRow the rows already written when this attempt resumed;
	 * {@code null} when it started from the first row
	 * @param resumedAtChunk the chunk this attempt resumed at, counting from 1;
	 * {@code null} when it started from the first
	 */
	public record ReportResult(String file, String format, long rows, Long resumedAtRow, Long resumedAtChunk) {

	}

	/** Hands out read-only connections: a report's query cannot change the store. */
	private static final class ReadOnlyDataSource extends DelegatingDataSource {

		ReadOnlyDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = super.getConnection();
			connection.setReadOnly(true);
			return connection;
		}

	}

}
