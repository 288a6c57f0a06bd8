package dev.batchyard.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.batchyard.engine.InvalidJobRequestException;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobFailure;
import dev.batchyard.engine.JobSearch;

import org.postgresql.PGStatement;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link JobSearch} in plain SQL on the job table (H2 and PostgreSQL alike). Pages are
 * keyset pages on the id, newest (highest id) first; the count runs the same filter
 * without the keyset.
 *
 * @author Batchyard
 */
class JdbcJobSearch implements JobSearch {

	private final JdbcClient jdbc;

	private final JdbcOperations template;

	private final boolean postgres;

	JdbcJobSearch(JdbcClient jdbc, JdbcOperations template, boolean postgres) {
		this.template = template;
		this.jdbc = jdbc;
		this.postgres = postgres;
	}

	@Override
	public Page search(Filter filter, int first, Long afterId) {
		return search(filter, first, afterId, true);
	}

	@Override
	public Page search(Filter filter, int first, Long afterId, boolean countAll) {
		if (first < 1 || first > MAX_PAGE_SIZE) {
			throw new InvalidJobRequestException("first",
					"first must be between 1 and " + MAX_PAGE_SIZE + " (was " + first + ")");
		}
		Filter matching = (filter != null) ? filter : Filter.ALL;
		long total = countAll ? count(matching) : 0;
		List<Object> params = new ArrayList<>();
		String sql = pageSql(matching, afterId, first, params, this.postgres);
		List<Job> jobs = this.template.query((connection) -> statement(connection, sql, matching, params),
				JobStore.jobMapper());
		boolean more = jobs.size() > first;
		return new Page(more ? jobs.subList(0, first) : jobs, more, total);
	}

	/**
	 * One principal's page or count is planned for that principal each time, never as the
	 * generic plan a server-side prepared statement settles on after five runs. Estimated
	 * for the average principal, that plan walks the primary key backwards and filters,
	 * and for a principal with few jobs it reads every other principal's (seen: 18 ms of
	 * PostgreSQL per request in the API bench). The PostgreSQL driver keeps such a
	 * statement unnamed, which PostgreSQL plans with its values.
	 */
	private static PreparedStatement statement(Connection connection, String sql, Filter filter, List<Object> params)
			throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		if (filter.enqueuedBy() != null && statement.isWrapperFor(PGStatement.class)) {
			statement.unwrap(PGStatement.class).setPrepareThreshold(0);
		}
		for (int i = 0; i < params.size(); i++) {
			statement.setObject(i + 1, params.get(i));
		}
		return statement;
	}

	private long count(Filter filter) {
		List<Object> params = new ArrayList<>();
		String where = where(filter, params, false);
		String sql = "SELECT COUNT(*) FROM job j" + where;
		return this.template.query((connection) -> statement(connection, sql, filter, params), (rows) -> {
			rows.next();
			return rows.getLong(1);
		});
	}

	/**
	 * The statement of one page: {@code first + 1} jobs (one more tells whether there are
	 * more) older than {@code afterId}; adds its parameters to those of the filter.
	 */
	static String pageSql(Filter filter, Long afterId, int first, List<Object> params, boolean postgres) {
		String where = where(filter, params, postgres);
		if (afterId != null) {
			where += (where.isEmpty() ? " WHERE" : " AND") + " j.id < ?";
			params.add(afterId);
		}
		params.add(first + 1);
		String order = (filter.enqueuedBy() != null) ? " ORDER BY j.enqueued_by DESC, j.id DESC"
				: " ORDER BY j.id DESC";
		return "SELECT " + JobStore.JOB_COLUMNS + " FROM job j" + where + order + " LIMIT ?";
	}

	/**
	 * The filter's conditions. On a PostgreSQL page, one principal's jobs are matched
	 * with {@code = ANY (ARRAY[?])} and ordered by {@code enqueued_by, id}: the same rows
	 * and order as {@code = ?} by {@code id}, but an array comparison fixes no constant,
	 * so the order stays one that only {@code job_enqueued_by_idx} gives, and no plan may
	 * walk the primary key backwards past other principals' newer jobs (seen: 13 ms of
	 * PostgreSQL per request in the API bench, for a principal with half the rows, all
	 * older than another's burst). Estimates are those of an equality. (H2 matches no row
	 * with that form, and plans by rules: it gets the equality.)
	 */
	private static String where(Filter filter, List<Object> params, boolean arrayMatch) {
		List<String> conditions = new ArrayList<>();
		if (filter.queueName() != null) {
			conditions.add("j.queue_name = ?");
			params.add(filter.queueName());
		}
		if (filter.state() != null) {
			conditions.add("j.state = ?");
			params.add(filter.state().column());
		}
		if (filter.type() != null) {
			conditions.add("j.type = ?");
			params.add(filter.type());
		}
		if (filter.enqueuedBy() != null) {
			conditions.add(arrayMatch ? "j.enqueued_by = ANY (ARRAY[?])" : "j.enqueued_by = ?");
			params.add(filter.enqueuedBy());
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			String pattern = "%" + escapeLike(filter.text().toLowerCase(Locale.ROOT)) + "%";
			conditions.add("(LOWER(j.payload) LIKE ? ESCAPE '\\' OR LOWER(j.last_error) LIKE ? ESCAPE '\\')");
			params.add(pattern);
			params.add(pattern);
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	@Override
	public Optional<String> enqueuedBy(long jobId) {
		return this.jdbc.sql("SELECT enqueued_by FROM job WHERE id = ?")
			.param(jobId)
			.query((rs, row) -> Optional.ofNullable(rs.getString(1)))
			.optional()
			.flatMap((principal) -> principal);
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	@Override
	public Map<Long, List<JobFailure>> failures(Collection<Long> jobIds) {
		Map<Long, List<JobFailure>> failures = byId(jobIds);
		if (jobIds.isEmpty()) {
			return failures;
		}
		this.jdbc
			.sql("SELECT job_id, attempt, error_message, error_stack, timed_out, stalled, failed_at FROM job_failure"
					+ " WHERE job_id IN (" + JobStore.placeholders(jobIds.size()) + ") ORDER BY job_id, attempt, id")
			.params(List.copyOf(jobIds))
			.query((rs) -> {
				OffsetDateTime failedAt = rs.getObject(7, OffsetDateTime.class);
				failures.get(rs.getLong(1))
					.add(new JobFailure(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
							rs.getBoolean(6), (failedAt != null) ? failedAt.toInstant() : null));
			});
		return failures;
	}

	@Override
	public Map<Long, List<String>> logs(Collection<Long> jobIds) {
		Map<Long, List<String>> logs = byId(jobIds);
		if (jobIds.isEmpty()) {
			return logs;
		}
		this.jdbc
			.sql("SELECT job_id, line FROM job_log WHERE job_id IN (" + JobStore.placeholders(jobIds.size())
					+ ") ORDER BY job_id, seq")
			.params(List.copyOf(jobIds))
			.query((rs) -> {
				logs.get(rs.getLong(1)).add(rs.getString(2));
			});
		return logs;
	}

	private static <T> Map<Long, List<T>> byId(Collection<Long> jobIds) {
		Map<Long, List<T>> byId = new LinkedHashMap<>();
		jobIds.forEach((id) -> byId.put(id, new ArrayList<>()));
		return byId;
	}

}
