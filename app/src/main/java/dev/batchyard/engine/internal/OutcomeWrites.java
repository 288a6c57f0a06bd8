package dev.batchyard.engine.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Writes an attempt's outcome (a failure, a deferral) through a database outage: a write
 * that fails on the database (no connection, a failed commit or rollback, a restart) is
 * tried again with a backoff from 50 ms up to 2 s for as long as the patience allows. The
 * attempt keeps its lease meanwhile (it is still running as far as the node's lease
 * renewal knows), so nobody rescues it as stalled and its real error is kept. An outcome
 * that still cannot be written is logged with its error; its lease then lapses and
 * another node rescues the job (at least once, as everywhere). Never throws: a worker
 * must not die of its own bookkeeping.
 *
 * @author Batchyard
 */
class OutcomeWrites {

	private static final Log logger = LogFactory.getLog(OutcomeWrites.class);

	private static final long FIRST_DELAY_NANOS = Duration.ofMillis(50).toNanos();

	private static final long MAX_DELAY_NANOS = Duration.ofSeconds(2).toNanos();

	private final long patienceNanos;

	private final LongSupplier nanoTime;

	/**
	 * @param patience how long to keep trying one write
	 * @param nanoTime the monotonic clock
	 */
	OutcomeWrites(Duration patience, LongSupplier nanoTime) {
		this.patienceNanos = patience.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Runs the write until it succeeds or the patience runs out.
	 * @param what what is written, for the log ("the failure of job 42's attempt 1")
	 * @param write the write
	 * @return what it returned, or null when it could not be written
	 */
	<T> T write(String what, Supplier<T> write) {
		long start = this.nanoTime.getAsLong();
		long delay = FIRST_DELAY_NANOS;
		// the worker may carry the interrupt of a cancel or a timeout: waits must still
		// wait
		boolean interrupted = Thread.interrupted();
		try {
			for (int attempt = 1;; attempt++) {
				try {
					return write.get();
				}
				catch (DataAccessException | TransactionException ex) {
					long waited = this.nanoTime.getAsLong() - start;
					if (waited + delay > this.patienceNanos) {
						logger.error("Could not write " + what + " after " + attempt + " tries in "
								+ Duration.ofNanos(waited).toMillis() + " ms; the job's lease will lapse and"
								+ " another node will rescue it", ex);
						return null;
					}
					logger.warn("Writing " + what + " failed (try " + attempt + "); trying again in "
							+ Duration.ofNanos(delay).toMillis() + " ms: " + ex.getMessage());
					interrupted |= pause(delay);
					delay = Math.min(delay * 2, MAX_DELAY_NANOS);
				}
				catch (RuntimeException ex) {
					logger.error("Could not write " + what + "; the job's lease will lapse and another node will"
							+ " rescue it", ex);
					return null;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Sleeps; whether an interrupt came meanwhile (cleared, so the next wait waits). */
	private static boolean pause(long nanos) {
		long until = System.nanoTime() + nanos;
		boolean interrupted = false;
		for (long left = nanos; left > 0; left = until - System.nanoTime()) {
			LockSupport.parkNanos(left);
			interrupted |= Thread.interrupted();
		}
		return interrupted;
	}

}
