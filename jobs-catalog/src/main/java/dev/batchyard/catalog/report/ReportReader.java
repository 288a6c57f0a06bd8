package dev.batchyard.catalog.report;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.ColumnMapRowMapper;

/**
 * Reads a report's rows through one cursor that fetches a chunk at a time (a transaction
 * of its own, so PostgreSQL streams instead of loading every row at once). Besides
 * Batch's own position it keeps how many rows were read by committed chunks, which a
 * retry resumes from and the finished report counts; and it reports progress against a
 * count of the rows taken first.
 *
 * @author Batchyard
 */
final class ReportReader extends JdbcCursorItemReader<Map<String, Object>> {

	static final String ROWS = "report.rows";

	private final String sql;

	private final IntConsumer progress;

	private long rows;

	private long resumedAt;

	private long total;

	ReportReader(DataSource dataSource, String sql, int chunkSize, IntConsumer progress) {
		super(dataSource, sql, new ColumnMapRowMapper());
		this.sql = sql;
		this.progress = progress;
		setName("report");
		setFetchSize(chunkSize);
		setConnectionAutoCommit(false);
		setVerifyCursorPosition(false);
	}

	@Override
	public void open(ExecutionContext context) {
		this.rows = context.getLong(ROWS, 0L);
		this.resumedAt = this.rows;
		this.total = count();
		super.open(context);
	}

	@Override
	protected Map<String, Object> doRead() throws Exception {
		Map<String, Object> row = super.doRead();
		if (row != null) {
			this.rows++;
		}
		return row;
	}

	@Override
	public void update(ExecutionContext context) {
		super.update(context);
		context.putLong(ROWS, this.rows);
		if (this.total > 0) {
			this.progress.accept((int) Math.min(95, this.rows * 95 / this.total));
		}
	}

	/** The rows committed chunks had read when this attempt started. */
	long resumedAt() {
		return this.resumedAt;
	}

	private long count() {
		try (Connection connection = getDataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT count(*) FROM (" + this.sql + ") AS report_rows")) {
			return count.next() ? count.getLong(1) : 0;
		}
		catch (SQLException ex) {
			// progress is a nicety; the reader's own query says what is wrong
			return 0;
		}
	}

}
