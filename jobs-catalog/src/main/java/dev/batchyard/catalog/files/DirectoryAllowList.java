package dev.batchyard.catalog.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The directories {@code file-cleanup} may work in. A directory is allowed when it is one
 * of them or lies under one, compared after links are resolved where the path exists: a
 * link inside the temp directory that points at {@code /etc} does not make {@code /etc}
 * allowed.
 *
 * @author Batchyard
 */
final class DirectoryAllowList {

	private final List<String> configured;

	DirectoryAllowList(List<String> directories) {
		this.configured = directories;
	}

	boolean allows(Path directory) {
		Path candidate = real(directory);
		return this.configured.stream().map((allowed) -> real(Path.of(allowed))).anyMatch(candidate::startsWith);
	}

	String describe() {
		return this.configured.isEmpty() ? "none (batchyard.job-types.files.allowed-directories is empty)"
				: String.join(", ", this.configured) + " (batchyard.job-types.files.allowed-directories)";
	}

	/**
	 * The path with links resolved as far as it exists: a directory that does not exist
	 * yet is judged by its nearest existing parent.
	 */
	private static Path real(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		Path existing = absolute;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return absolute;
		}
		try {
			return existing.toRealPath().resolve(existing.relativize(absolute));
		}
		catch (IOException ex) {
			return absolute;
		}
	}

}
