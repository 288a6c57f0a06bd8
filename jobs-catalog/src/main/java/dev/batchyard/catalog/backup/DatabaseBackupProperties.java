package dev.batchyard.catalog.backup;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code database-backup}.
 *
 * @param directory where backups go when a payload names no directory;
 * {@code ./data/backups} by default
 * @param keep how many backups of each source are kept when a payload names no number; 7
 * by default
 * @param encryptionKey the AES key, base64 of 16, 24 or 32 bytes; meant to come from the
 * environment ({@code BATCHYARD_JOB_TYPES_DATABASE_BACKUP_ENCRYPTION_KEY}), never from a
 * file in the repository. Unset by default: backups are not encrypted
 * @param pgDump the {@code pg_dump} command for Batchyard's own store; {@code pg_dump}
 * (found on the PATH) by default
 * @param sources other data sources a payload may name, by name
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.job-types.database-backup")
public record DatabaseBackupProperties(@DefaultValue("./data/backups") String directory, @DefaultValue("7") int keep,
		String encryptionKey, @DefaultValue("pg_dump") String pgDump, @DefaultValue Map<String, Source> sources) {

	static final String PREFIX = "batchyard.job-types.database-backup";

	public DatabaseBackupProperties {
		sources = (sources != null) ? Map.copyOf(sources) : Map.of();
		if (keep < 1) {
			throw new IllegalArgumentException(PREFIX + ".keep must be at least 1 (was " + keep + ")");
		}
		if (encryptionKey != null && !encryptionKey.isBlank()) {
			key(encryptionKey);
		}
		sources.forEach((name, source) -> {
			if (source.url() == null || source.url().isBlank()) {
				throw new IllegalArgumentException(PREFIX + ".sources." + name + ".url is required");
			}
		});
	}

	/** The default directory, absolute. */
	Path defaultDirectory() {
		return Path.of(this.directory).toAbsolutePath().normalize();
	}

	/** The encryption key, if one is set. */
	SecretKey key() {
		return (this.encryptionKey != null && !this.encryptionKey.isBlank()) ? key(this.encryptionKey) : null;
	}

	private static SecretKey key(String base64) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(PREFIX + ".encryption-key must be base64 (of 16, 24 or 32 bytes)");
		}
		if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
			throw new IllegalArgumentException(
					PREFIX + ".encryption-key must be base64 of 16, 24 or 32 bytes (was " + bytes.length + " bytes)");
		}
		return new SecretKeySpec(bytes, "AES");
	}

	/**
	 * A data source other than Batchyard's own store.
	 *
	 * @param url its JDBC URL ({@code jdbc:postgresql:...} or {@code jdbc:h2:...})
	 * @param username the user
	 * @param password the password
	 * @param pgDump the {@code pg_dump} command for this source (a server newer than the
	 * PATH's client needs its own); the global one by default
	 */
	public record Source(String url, String username, String password, String pgDump) {

	}

}
