package dev.batchyard.catalog.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The files of a backup directory: how a backup is named and written (gzip, then AES-GCM
 * when a key is given), and which old ones retention removes.
 * <p>
 * A backup is {@code batchyard-<source>-<UTC time>-<job id>.sql.gz}, with {@code .enc}
 * after it when encrypted: the names of one source sort by age. It is written to a
 * {@code .part} file first and renamed when complete, so a backup that failed half-way
 * never counts as one. An encrypted file is a 12-byte random nonce, then the AES-GCM
 * ciphertext of the gzip stream with its 16-byte tag at the end.
 *
 * @author Batchyard
 */
final class BackupFiles {

	static final int NONCE_BYTES = 12;

	static final int TAG_BITS = 128;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final SecureRandom RANDOM = new SecureRandom();

	private BackupFiles() {
	}

	static String name(String label, Instant time, long jobId, boolean encrypted) {
		return prefix(label) + TIME.format(time) + "-" + String.format("%012d", jobId) + ".sql.gz"
				+ (encrypted ? ".enc" : "");
	}

	/** Writes a backup through gzip and, with a key, the cipher; renames it when done. */
	static Path write(Path file, SecretKey key, DatabaseDump dump, IntConsumer progress, BooleanSupplier stop)
			throws Exception {
		Files.createDirectories(file.getParent());
		Path part = file.resolveSibling(file.getFileName() + ".part");
		try {
			try (OutputStream out = Files.newOutputStream(part);
					OutputStream sealed = (key != null) ? encrypting(out, key) : out;
					GZIPOutputStream gzip = new GZIPOutputStream(sealed, 64 * 1024)) {
				dump.writeTo(gzip, progress, stop);
			}
			return Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(part);
		}
	}

	private static OutputStream encrypting(OutputStream out, SecretKey key)
			throws IOException, GeneralSecurityException {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
		out.write(nonce);
		return new CipherOutputStream(out, cipher);
	}

	/**
	 * Removes the oldest backups of a source beyond the newest {@code keep}.
	 * @return the names removed
	 */
	static List<String> retain(Path directory, String label, int keep) throws IOException {
		List<Path> backups;
		try (Stream<Path> files = Files.list(directory)) {
			backups = files.filter((file) -> isBackup(file.getFileName().toString(), label))
				.sorted(Comparator.comparing((Path file) -> file.getFileName().toString()).reversed())
				.toList();
		}
		List<String> removed = new ArrayList<>();
		for (Path old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
			Files.deleteIfExists(old);
			removed.add(old.getFileName().toString());
		}
		return removed;
	}

	private static boolean isBackup(String name, String label) {
		return name.startsWith(prefix(label)) && (name.endsWith(".sql.gz") || name.endsWith(".sql.gz.enc"));
	}

	private static String prefix(String label) {
		return "batchyard-" + label + "-";
	}

}
