package dev.batchyard.catalog.report;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code report-generation}.
 *
 * @param directory where reports are written; {@code ./data/reports} by default. A
 * payload names a file in it, never a path elsewhere
 * @param queriesAllowed whether a payload may give its own SQL {@code query} rather than
 * name an analytics view. {@code false} by default: whoever may enqueue (an application
 * with the ENQUEUER role too) could otherwise copy any table of the store into a file
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.job-types.report")
public record ReportJobProperties(@DefaultValue("./data/reports") String directory,
		@DefaultValue("false") boolean queriesAllowed) {

	Path directoryPath() {
		return Path.of(this.directory).toAbsolutePath().normalize();
	}

}
