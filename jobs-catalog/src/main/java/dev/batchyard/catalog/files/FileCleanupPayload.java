package dev.batchyard.catalog.files;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What a {@code file-cleanup} job removes. Checked when the job is enqueued: a bad field
 * is refused with its name.
 *
 * @param directory the absolute directory to clean (required)
 * @param patterns glob patterns matched against each file's path relative to the
 * directory ({@code *.tmp} matches at the top only, {@code **.tmp} at any depth); default
 * {@code ["**"]}, every file
 * @param olderThan an ISO-8601 duration: only files last modified longer ago than this
 * are removed; default {@code P7D}
 * @param dryRun count what would be removed without removing it; default {@code false}
 * @author Batchyard
 */
public record FileCleanupPayload(String directory, List<String> patterns, String olderThan, Boolean dryRun) {

	public FileCleanupPayload {
		if (directory == null || directory.isBlank() || !Path.of(directory).isAbsolute()) {
			throw new IllegalArgumentException("directory must be an absolute path (was " + directory + ")");
		}
		patterns = (patterns != null && !patterns.isEmpty()) ? List.copyOf(patterns) : List.of("**");
		for (String pattern : patterns) {
			try {
				FileSystems.getDefault().getPathMatcher("glob:" + pattern);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("patterns has a bad glob '" + pattern + "': " + ex.getMessage());
			}
		}
		olderThan = (olderThan != null) ? olderThan : "P7D";
		if (age(olderThan).isNegative()) {
			throw new IllegalArgumentException("olderThan must not be negative (was " + olderThan + ")");
		}
		dryRun = (dryRun != null) ? dryRun : false;
	}

	/** {@link #olderThan()} as a duration. */
	Duration age() {
		return age(this.olderThan);
	}

	private static Duration age(String text) {
		try {
			return Duration.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"olderThan must be an ISO-8601 duration such as P7D or PT12H (was " + text + ")");
		}
	}

}
