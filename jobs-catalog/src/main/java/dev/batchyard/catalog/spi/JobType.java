package dev.batchyard.catalog.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.batch.core.job.Job;

/**
 * A kind of work Batchyard runs: a Spring Batch {@link Job} with a name, a default queue
 * and a payload type. Declare one as a Spring bean; at startup every job type's default
 * queue must exist in the catalog and every name must be unique.
 * <p>
 * The engine asks for the Batch job once per attempt, handing in the payload and a
 * {@link JobContext}: build the steps with {@link JobContext#step(String)} and the job
 * with {@link JobContext#job(String, org.springframework.batch.core.step.Step...)}, so
 * that every step runs inside the engine's step decorators (timing, rate limiters, time
 * limiter). A job type knows nothing of dispatch, scaling or the API.
 *
 * @param <P> the payload type
 * @author Batchyard
 */
public interface JobType<P> {

	/**
	 * The name, default queue and payload type.
	 * @return the descriptor
	 */
	JobTypeDescriptor<P> descriptor();

	/**
	 * How the engine keeps Batch's records for a job with this payload. The default,
	 * {@link Bookkeeping#DURABLE}, lets a retry resume at the failed step or chunk;
	 * single-step types that do not need that should answer {@link Bookkeeping#LIGHT}.
	 * @param payload the job's payload
	 * @return the bookkeeping
	 */
	default Bookkeeping bookkeeping(P payload) {
		return Bookkeeping.DURABLE;
	}

	/**
	 * Rate limiters this type takes permits from, besides its queue's (names of
	 * {@code batchyard.catalog.rate-limits}).
	 * @return the limiter names; none by default
	 */
	default List<String> limiters() {
		return List.of();
	}

	/**
	 * How many attempts a job of this type gets when its enqueuer names none. Types whose
	 * failures are mostly the other side's (a webhook receiver that is down for an hour)
	 * ask for more than their queue's retry policy gives.
	 * @return the attempts; empty by default: the queue's retry policy decides
	 */
	default OptionalInt maxAttempts() {
		return OptionalInt.empty();
	}

	/**
	 * The timeout of a job of this type when its enqueuer names none: one attempt that
	 * runs longer is interrupted and counts as failed.
	 * @return the timeout; empty by default: the queue's (adaptive) timeout applies
	 */
	default Optional<Duration> timeout() {
		return Optional.empty();
	}

	/**
	 * Whether this type takes its permits per item rather than per step: then the engine
	 * takes none before its steps, and the type wraps its item processors with
	 * {@link JobContext#permitPerItem}.
	 * @return {@code false} by default: one permit before each step
	 */
	default boolean permitsPerItem() {
		return false;
	}

	/**
	 * Checks a payload against this node's settings when a job is enqueued or scheduled:
	 * what the payload's constructor cannot know, such as an allow-list in configuration.
	 * A payload that does not fit is refused with {@code INVALID_PARAMETERS} naming the
	 * field, and nothing is enqueued. The settings may change before the job runs, so the
	 * job checks again when it runs.
	 * @param payload the payload, already read
	 * @throws InvalidPayloadException naming the field that does not fit
	 */
	default void check(P payload) {
	}

	/**
	 * The Spring Batch job that does the work of one attempt.
	 * @param payload the job's payload
	 * @param context what the engine offers this attempt
	 * @return the job
	 */
	Job job(P payload, JobContext context);

}
