package dev.batchyard.engine;

import java.util.Locale;

/**
 * Where a job is in its life. {@code waiting} and {@code delayed} jobs are claimable (a
 * delayed one once its runAt has come), {@code active} ones run on a node, the other
 * three are final.
 *
 * @author Batchyard
 */
public enum JobState {

	WAITING, DELAYED, ACTIVE, COMPLETED, FAILED, CANCELLED,

	/**
	 * Only in {@link JobStateChanged} events: the job was deleted, or removed by a queue
	 * clean. No row is ever in this state.
	 */
	DELETED;

	/** The value in the {@code job.state} column. */
	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether the job may still run (waiting, delayed or active). */
	public boolean unfinished() {
		return this == WAITING || this == DELAYED || this == ACTIVE;
	}

	/**
	 * The state stored in a {@code job.state} column.
	 * @param column the column value
	 * @return the state
	 */
	public static JobState fromColumn(String column) {
		return valueOf(column.toUpperCase(Locale.ROOT));
	}

}
