package dev.batchyard.catalog.backup;

import java.io.OutputStream;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Writes one database's dump, as SQL text, to a stream.
 *
 * @author Batchyard
 */
interface DatabaseDump {

	/**
	 * Writes the dump.
	 * @param out where the SQL goes (not closed)
	 * @param progress told the percentage done, 0 to 95, as the dump goes
	 * @param stop whether to give up (the job was cancelled or its node is leaving)
	 * @throws Exception what went wrong; a
	 * {@link dev.batchyard.catalog.spi.NonRetryableJobException} when retrying cannot
	 * help
	 */
	void writeTo(OutputStream out, IntConsumer progress, BooleanSupplier stop) throws Exception;

}
