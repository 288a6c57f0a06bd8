package dev.batchyard.catalog.files;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of {@code file-cleanup}.
 *
 * @param allowedDirectories the only directories a cleanup may work in, each with
 * everything under it. Left unset, the system temp directory ({@code java.io.tmpdir})
 * alone: a cleanup job is a way to delete files as the Batchyard process, so an operator
 * names the trees it may touch, and the temp directory is the one tree no other program
 * keeps its own data in. Set to an empty list, every directory is refused
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.job-types.files")
public record FileJobProperties(List<String> allowedDirectories) {

	public FileJobProperties {
		allowedDirectories = (allowedDirectories != null) ? List.copyOf(allowedDirectories)
				: List.of(System.getProperty("java.io.tmpdir"));
		for (String directory : allowedDirectories) {
			if (directory == null || directory.isBlank() || !Path.of(directory).isAbsolute()) {
				throw new IllegalArgumentException(
						"batchyard.job-types.files.allowed-directories must hold absolute paths (was " + directory
								+ ")");
			}
		}
	}

}
