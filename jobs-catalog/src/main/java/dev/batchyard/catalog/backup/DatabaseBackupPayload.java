package dev.batchyard.catalog.backup;

import static dev.batchyard.catalog.spi.PayloadChecks.absolutePath;
import static dev.batchyard.catalog.spi.PayloadChecks.require;

/**
 * What a {@code database-backup} job backs up. Checked when the job is enqueued: a bad
 * field is refused with its name.
 *
 * @param source a name under {@code batchyard.job-types.database-backup.sources}; left
 * out, Batchyard's own store
 * @param directory the absolute directory the backup goes to; default
 * {@code batchyard.job-types.database-backup.directory}
 * @param keep how many backups of this source the directory keeps, this one included
 * (older ones are removed), 1 to 1000; default
 * {@code batchyard.job-types.database-backup.keep}
 * @param encrypt whether to encrypt with the configured key; default: when a key is
 * configured
 * @author Batchyard
 */
public record DatabaseBackupPayload(String source, String directory, Integer keep, Boolean encrypt) {

	public DatabaseBackupPayload {
		require(source == null || source.matches("[A-Za-z0-9_-]{1,64}"), "source",
				"source must be the name of a configured data source (was " + source + ")");
		if (directory != null) {
			directory = absolutePath("directory", directory).toString();
		}
		require(keep == null || (keep >= 1 && keep <= 1000), "keep",
				"keep must be between 1 and 1000 (was " + keep + ")");
	}

}
