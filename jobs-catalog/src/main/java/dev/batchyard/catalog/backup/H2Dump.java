package dev.batchyard.catalog.backup;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import dev.batchyard.catalog.spi.NonRetryableJobException;

/**
 * An H2 database's dump through H2's {@code SCRIPT} command, read as a result set rather
 * than written with {@code SCRIPT TO 'file'}: {@code SCRIPT TO} writes the file on the
 * database's side and in plain text, where this streams every statement through gzip and
 * the cipher, so no unencrypted copy touches the disk and an H2 server on another machine
 * works too. {@code SIMPLE} writes one {@code INSERT} per row, which is what progress is
 * counted in, against H2's own estimate of the row count.
 *
 * @author Batchyard
 */
final class H2Dump implements DatabaseDump {

	private final BackupSource source;

	H2Dump(BackupSource source) {
		this.source = source;
	}

	@Override
	public void writeTo(OutputStream out, IntConsumer progress, BooleanSupplier stop) throws Exception {
		try (Connection connection = this.source.connect(); Statement statement = connection.createStatement()) {
			long rows = estimatedRows(statement);
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			long inserts = 0;
			try (ResultSet script = statement.executeQuery("SCRIPT SIMPLE")) {
				while (script.next()) {
					String line = script.getString(1);
					writer.write(line);
					writer.write('\n');
					if (line.startsWith("INSERT")) {
						inserts++;
						progress.accept((int) Math.min(95, inserts * 95 / Math.max(1, rows)));
					}
					if (stop.getAsBoolean()) {
						throw new InterruptedException("the backup was stopped");
					}
				}
			}
			writer.flush();
		}
		catch (SQLException ex) {
			// a URL that is not an H2 database or a bad password will not fix itself
			if (ex.getSQLState() != null && ex.getSQLState().startsWith("28")) {
				throw new NonRetryableJobException("H2 refused the login: " + ex.getMessage(), ex);
			}
			throw ex;
		}
	}

	private static long estimatedRows(Statement statement) {
		try (ResultSet estimate = statement.executeQuery("SELECT COALESCE(SUM(ROW_COUNT_ESTIMATE), 0)"
				+ " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
			return estimate.next() ? estimate.getLong(1) : 0;
		}
		catch (SQLException ex) {
			// progress is a nicety: without an estimate it stays at 0 until the end
			return 0;
		}
	}

}
