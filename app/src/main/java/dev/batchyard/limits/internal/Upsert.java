package dev.batchyard.limits.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.IntSupplier;

import org.springframework.dao.DuplicateKeyException;

/**
 * Writes one override row the portable way (H2 and PostgreSQL alike): update it, insert
 * it when there is none, and when another node inserted it in between, update again.
 *
 * @author Batchyard
 */
final class Upsert {

	private Upsert() {
	}

	static void write(IntSupplier update, Runnable insert) {
		if (update.getAsInt() > 0) {
			return;
		}
		try {
			insert.run();
		}
		catch (DuplicateKeyException ex) {
			// another node inserted the row in between: it exists now, so the update
			// lands
			update.getAsInt();
		}
	}

	static Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
