package dev.batchyard.catalog.files;

import java.nio.file.FileSystems;
import java.time.Duration;
import java.util.List;

import dev.batchyard.catalog.spi.InvalidPayloadException;

import static dev.batchyard.catalog.spi.PayloadChecks.absolutePath;
import static dev.batchyard.catalog.spi.PayloadChecks.isoDuration;
import static dev.batchyard.catalog.spi.PayloadChecks.orDefault;

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
		directory = absolutePath("directory", directory).toString();
		patterns = (patterns != null && !patterns.isEmpty()) ? List.copyOf(patterns) : List.of("**");
		for (String pattern : patterns) {
			try {
				FileSystems.getDefault().getPathMatcher("glob:" + pattern);
			}
			catch (RuntimeException ex) {
				throw new InvalidPayloadException("patterns",
						"patterns has a bad glob '" + pattern + "': " + ex.getMessage());
			}
		}
		olderThan = orDefault(olderThan, "P7D");
		isoDuration("olderThan", olderThan);
		dryRun = orDefault(dryRun, false);
	}

	/** {@link #olderThan()} as a duration. */
	Duration age() {
		return Duration.parse(this.olderThan);
	}

}
