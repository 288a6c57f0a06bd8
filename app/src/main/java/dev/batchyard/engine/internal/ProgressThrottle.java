package dev.batchyard.engine.internal;

import java.util.function.LongSupplier;

/**
 * Decides which of an attempt's progress reports are stored: a job reporting in a tight
 * loop must not turn into a stream of updates. A report is stored when it differs from
 * the last one stored and at least {@link #INTERVAL_NANOS} have passed since then (the
 * first report always is). 100 is never stored: completion sets it.
 *
 * @author Batchyard
 */
final class ProgressThrottle {

	/** The shortest time between two stored reports: 250 ms. */
	static final long INTERVAL_NANOS = 250_000_000L;

	private final LongSupplier nanoTime;

	private int stored;

	private long storedAt;

	private boolean any;

	ProgressThrottle(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/**
	 * @param percent what the job reported (clamped to 0..100)
	 * @return the percent to store, or -1 to drop the report
	 */
	synchronized int accept(int percent) {
		int clamped = Math.max(0, Math.min(100, percent));
		long now = this.nanoTime.getAsLong();
		if (clamped == this.stored || clamped == 100 || (this.any && now - this.storedAt < INTERVAL_NANOS)) {
			return -1;
		}
		this.stored = clamped;
		this.storedAt = now;
		this.any = true;
		return clamped;
	}

}
