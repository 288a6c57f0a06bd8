package dev.batchyard.schedule;

/**
 * What a schedule does at a tick while the job its last firing enqueued is unfinished
 * (waiting, delayed or active), as Temporal's schedule overlap policies. A trigger-now
 * ({@link Schedules#trigger}) is not a firing: it neither waits for nor counts as the
 * last firing's job.
 *
 * @author Batchyard
 */
public enum OverlapPolicy {

	/**
	 * The default: enqueue nothing for the tick; the next tick looks again. Counted in
	 * {@code batchyard.schedule.firings.skipped}.
	 */
	SKIP,

	/**
	 * Keep at most one run pending: it is enqueued as soon as the unfinished job finishes
	 * (any node notices within a second), and further ticks meanwhile are dropped as
	 * under {@link #SKIP}.
	 */
	BUFFER_ONE,

	/** Enqueue at every tick, whatever is still running. */
	ALLOW_ALL,

	/**
	 * Cancel the unfinished job (through the engine's cancel: an active job is
	 * interrupted on its node within a second) and enqueue the tick's job.
	 */
	CANCEL_OTHER

}
