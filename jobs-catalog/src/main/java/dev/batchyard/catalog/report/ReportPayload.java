package dev.batchyard.catalog.report;

import java.util.List;
import java.util.Locale;

import static dev.batchyard.catalog.spi.PayloadChecks.between;
import static dev.batchyard.catalog.spi.PayloadChecks.orDefault;
import static dev.batchyard.catalog.spi.PayloadChecks.require;

/**
 * What a {@code report-generation} job writes. Checked when the job is enqueued: a bad
 * field is refused with its name.
 *
 * @param view one of the analytics views ({@link #VIEWS}), read whole in the order of its
 * first column; default {@code queue_stats} when no query is given
 * @param query a SELECT (or WITH) query instead of a view. Give it an ORDER BY: a retry
 * skips the rows already written by position, so the order must not change between
 * attempts
 * @param format {@code csv} (a header line, then one line per row) or {@code json} (an
 * array of objects); default {@code csv}
 * @param fileName the file's name in {@code batchyard.job-types.report.directory};
 * default {@code report-<job id>.<format>}
 * @param chunkSize rows per chunk (one transaction, one step of progress and the unit a
 * retry resumes at), 1 to 10000; default 500
 * @author Batchyard
 */
public record ReportPayload(String view, String query, String format, String fileName, Integer chunkSize) {

	/** The analytics views a report may read by name. */
	public static final List<String> VIEWS = List.of("queue_stats", "job_type_stats", "jobs_active",
			"jobs_failed_details", "recent_failures", "scheduled_jobs_overview", "job_processing_percentiles",
			"job_failure_rates");

	public ReportPayload {
		require(view == null || query == null, "query", "give view or query, not both");
		require(view == null || VIEWS.contains(view), "view", "view must be one of " + VIEWS + " (was " + view + ")");
		if (query != null) {
			String start = query.stripLeading().toLowerCase(Locale.ROOT);
			require(start.startsWith("select") || start.startsWith("with"), "query",
					"query must be a SELECT (or WITH ... SELECT) query");
		}
		else {
			view = orDefault(view, "queue_stats");
		}
		format = orDefault(format, "csv").toLowerCase(Locale.ROOT);
		require(format.equals("csv") || format.equals("json"), "format",
				"format must be csv or json (was " + format + ")");
		require(fileName == null || fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}"), "fileName",
				"fileName must be a plain file name of letters, digits, '.', '_' and '-' (was " + fileName + ")");
		chunkSize = between("chunkSize", chunkSize, 500, 1, 10_000);
	}

	/** The SQL the report reads. */
	String sql() {
		return (this.query != null) ? this.query : "SELECT * FROM " + this.view + " ORDER BY 1";
	}

}
