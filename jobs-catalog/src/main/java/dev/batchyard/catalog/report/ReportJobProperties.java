package dev.batchyard.catalog.report;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code report-generation}.
 *
 * @param directory where reports are written; {@code ./data/reports} by default. A
 * payload names a file in it, never a path elsewhere
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.job-types.report")
public record ReportJobProperties(@DefaultValue("./data/reports") String directory) {

	Path directoryPath() {
		return Path.of(this.directory).toAbsolutePath().normalize();
	}

}
