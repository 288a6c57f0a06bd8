package dev.batchyard.engine.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import dev.batchyard.catalog.spi.Bookkeeping;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.NonRetryableJobException;
import dev.batchyard.catalog.spi.RetryAfterJobException;
import dev.batchyard.engine.JobFailure;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.StepDecorator;
import dev.batchyard.engine.internal.RunningAttempts.Attempt;
import dev.batchyard.limits.Timeouts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed attempt on a worker thread: builds the job type's Batch job for the
 * payload, runs it through {@link BatchLaunches}, and records the outcome — completed
 * (result, duration), a failed attempt retried after the backoff (twice that after a
 * timeout), or failed for good when the attempts are used up or the job type says
 * retrying cannot help. Steps run on the worker thread itself, so a worker returns to its
 * pool only when its job's code has returned, even after a timeout the time limiter
 * recorded meanwhile (see {@link TimeLimitDecorator}).
 *
 * @author Batchyard
 */
class JobRunner {

	private static final Log logger = LogFactory.getLog(JobRunner.class);

	/** A retry after a timed-out attempt waits this many times the ordinary backoff. */
	static final int TIMEOUT_BACKOFF_FACTOR = 2;

	private final JobTypeRegistry types;

	private final JobStore store;

	private final TransactionTemplate transactions;

	private final BatchLaunches launches;

	private final RunContext.Infrastructure durable;

	private final List<StepDecorator> decorators;

	private final RunningAttempts running;

	private final Wakeups wakeups;

	private final CompletionWriter completions;

	private final OutcomeWrites outcomes;

	private final JobLimiters limiters;

	private final Timeouts timeouts;

	private final JobEvents events;

	private final JsonMapper json;

	private final AllocationCounter allocations;

	/**
	 * Readers bound to a payload class, and one writer: cheaper per job than the mapper.
	 */
	private final Map<Class<?>, ObjectReader> payloadReaders = new ConcurrentHashMap<>();

	private final ObjectWriter resultWriter;

	private final Clock clock;

	private final String nodeId;

	private final int maxLogLines;

	JobRunner(Collaborators collaborators, List<StepDecorator> decorators, JsonMapper json, Clock clock, String nodeId,
			int maxLogLines) {
		this.types = collaborators.types();
		this.store = collaborators.store();
		this.transactions = collaborators.transactions();
		this.launches = collaborators.launches();
		this.durable = collaborators.durable();
		this.running = collaborators.running();
		this.wakeups = collaborators.wakeups();
		this.completions = collaborators.completions();
		this.outcomes = collaborators.outcomes();
		this.limiters = collaborators.limiters();
		this.timeouts = collaborators.timeouts();
		this.events = collaborators.events();
		this.allocations = collaborators.allocations();
		this.decorators = decorators;
		this.json = json;
		this.resultWriter = json.writer();
		this.clock = clock;
		this.nodeId = nodeId;
		this.maxLogLines = maxLogLines;
	}

	void run(ClaimedJob job) {
		Attempt attempt = this.running.begin(job, this::failedSafely);
		this.events.changed(job.id(), job.queueName(), job.type(), JobState.ACTIVE, job.startedAt());
		long started = System.nanoTime();
		long allocatedBefore = this.allocations.start();
		try {
			RunContext context = runAttempt(job, attempt);
			if (context != null) {
				Duration duration = Duration.ofNanos(System.nanoTime() - started);
				completed(attempt, context, duration, this.allocations.since(allocatedBefore, job.queueName()));
			}
		}
		catch (Throwable ex) {
			failedSafely(attempt, ex);
		}
		finally {
			this.running.end(attempt);
			Thread.interrupted();
		}
	}

	/**
	 * Records a failed attempt; whatever goes wrong doing so is logged, never thrown: the
	 * worker goes back to its pool either way.
	 */
	private void failedSafely(Attempt attempt, Throwable error) {
		try {
			failed(attempt, error);
		}
		catch (Throwable ex) {
			logger.error("Could not record the failure of job " + attempt.job().id() + " (" + message(error) + ")", ex);
		}
	}

	/** The context of a completed run; throws what made the attempt fail. */
	private RunContext runAttempt(ClaimedJob job, Attempt attempt) throws Throwable {
		@SuppressWarnings("unchecked")
		JobType<Object> type = (JobType<Object>) this.types.get(job.type());
		Object payload = this.payloadReaders.computeIfAbsent(type.descriptor().payloadType(), this.json::readerFor)
			.readValue(job.payload());
		RunContext context = new RunContext(attempt, type.bookkeeping(payload), this.durable, this.decorators,
				new StoreReporter(), this.limiters, new ProgressThrottle(System::nanoTime));
		Job batchJob = type.job(payload, context);
		JobExecution execution = this.launches.launch(batchJob, context);
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return context;
		}
		List<Throwable> failures = execution.getAllFailureExceptions();
		if (failures.isEmpty()) {
			throw new IllegalStateException("The Batch job ended " + execution.getStatus() + " with exit status "
					+ execution.getExitStatus().getExitCode());
		}
		// a timed-out step also fails on its own when interrupted (in no set order among
		// the failures): the timeout is what the attempt is recorded with
		throw failures.stream()
			.filter((failure) -> causedBy(failure, TimeoutException.class))
			.findFirst()
			.orElse(failures.get(0));
	}

	private void completed(Attempt attempt, RunContext context, Duration duration, Double allocatedMb) {
		if (attempt.handedBack() || !attempt.takeOutcome()) {
			return;
		}
		ClaimedJob job = attempt.job();
		String result = (context.result() != null) ? this.resultWriter.writeValueAsString(context.result()) : null;
		this.completions.completed(job, result, duration.toMillis(), allocatedMb);
		this.timeouts.recordExecution(job.queueName(), duration);
	}

	private void failed(Attempt attempt, Throwable error) {
		if (attempt.handedBack() || !attempt.takeOutcome()) {
			return;
		}
		ClaimedJob job = attempt.job();
		Instant now = this.clock.instant();
		LimiterClosedException limited = cause(error, LimiterClosedException.class);
		if (limited != null) {
			deferred(job, now.plus(limited.retryAfter()));
			return;
		}
		boolean retryable = !causedBy(error, NonRetryableJobException.class) && job.attempt() < job.maxAttempts();
		boolean timedOut = causedBy(error, TimeoutException.class);
		JobState next = retryable ? JobState.DELAYED : JobState.FAILED;
		// the other side's Retry-After beats the job's backoff
		RetryAfterJobException asked = cause(error, RetryAfterJobException.class);
		Instant runAt = !retryable ? now : now.plus((asked != null) ? asked.retryAfter() : retryDelay(job, timedOut));
		JobFailure failure = new JobFailure(job.attempt(), message(error), stack(error), timedOut, false, now);
		Boolean recorded = this.outcomes.write(
				"the failure of job " + job.id() + "'s attempt " + job.attempt() + " (" + failure.errorMessage() + ")",
				() -> this.transactions
					.execute((status) -> this.store.fail(job, this.nodeId, failure, next, runAt, now)));
		if (Boolean.TRUE.equals(recorded)) {
			this.events.changed(job.id(), job.queueName(), job.type(), next, now);
			logger.warn("Job " + job.id() + " (" + job.type() + " on " + job.queueName() + ") attempt " + job.attempt()
					+ "/" + job.maxAttempts() + " failed" + (retryable ? ", retry at " + runAt : ", no retry left")
					+ ": " + failure.errorMessage());
			if (retryable) {
				this.wakeups.enqueued(job.queueName(), runAt);
			}
		}
	}

	/**
	 * The wait before the next attempt: the job's backoff, doubled after a timeout (a
	 * timed-out attempt held a worker for its whole timeout and the dependency it waited
	 * on is likely still slow, so the retry gives it twice the ordinary delay to
	 * recover).
	 */
	private static Duration retryDelay(ClaimedJob job, boolean timedOut) {
		Duration delay = job.backoff().delayBefore(job.attempt(), ThreadLocalRandom.current().nextDouble());
		return timedOut ? delay.multipliedBy(TIMEOUT_BACKOFF_FACTOR) : delay;
	}

	private void deferred(ClaimedJob job, Instant runAt) {
		Boolean deferred = this.outcomes.write("the deferral of job " + job.id() + " for its rate limiter",
				() -> this.transactions.execute((status) -> this.store.defer(job, this.nodeId, runAt)));
		if (Boolean.TRUE.equals(deferred)) {
			this.wakeups.enqueued(job.queueName(), runAt);
			this.events.changed(job.id(), job.queueName(), job.type(), JobState.DELAYED, this.clock.instant());
		}
	}

	private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
		return cause(error, type) != null;
	}

	private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				return null;
			}
		}
		return null;
	}

	private static String message(Throwable error) {
		String message = error.getMessage();
		return error.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static String stack(Throwable error) {
		StringWriter out = new StringWriter();
		error.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

	private final class StoreReporter implements RunContext.Reporter {

		@Override
		public void progress(long jobId, int percent) {
			JobRunner.this.store.progress(jobId, percent);
		}

		@Override
		public void log(long jobId, String line) {
			JobRunner.this.transactions.executeWithoutResult((status) -> JobRunner.this.store.log(jobId, line,
					JobRunner.this.clock.instant(), JobRunner.this.maxLogLines));
		}

	}

	/**
	 * What a runner works with.
	 *
	 * @param types the job types
	 * @param store the job table
	 * @param transactions transactions on it
	 * @param launches how Batch jobs are launched
	 * @param durable the JDBC infrastructure of durable jobs
	 * @param running the attempts running on this node
	 * @param wakeups dispatcher wake-ups
	 * @param completions where completed attempts are written
	 * @param timeouts where completed attempts' durations are counted
	 * @param events where state changes are published
	 * @param limiters the rate limiters jobs take permits from
	 * @param outcomes how failures and deferrals are written through a database outage
	 * @param allocations what each attempt allocates
	 */
	record Collaborators(JobTypeRegistry types, JobStore store, TransactionTemplate transactions,
			BatchLaunches launches, RunContext.Infrastructure durable, RunningAttempts running, Wakeups wakeups,
			CompletionWriter completions, Timeouts timeouts, JobEvents events, JobLimiters limiters,
			OutcomeWrites outcomes, AllocationCounter allocations) {

	}

}
