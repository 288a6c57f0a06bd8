package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import dev.batchyard.engine.StepDecorator;
import dev.batchyard.engine.internal.RunningAttempts.Attempt;
import dev.batchyard.limits.SoftTimeoutReached;
import dev.batchyard.limits.TimeoutConfig;
import dev.batchyard.limits.Timeouts;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;

/**
 * The innermost decorator: runs each step under the attempt's deadline with a
 * Resilience4j {@link TimeLimiter}.
 * <p>
 * <b>Deadline.</b> An attempt's timeout is fixed when its first step starts: the job's
 * own timeout if it was enqueued with one, else its queue's effective timeout
 * ({@link Timeouts#effectiveTimeout}); it runs from the attempt's start (its claim), and
 * each step gets what is left of it. A change to the queue's timeouts applies from the
 * next attempt.
 * <p>
 * <b>Hard timeout.</b> The step runs on a step thread ({@link StepThreads}) while the
 * worker thread waits through the time limiter. At the deadline the limiter cancels the
 * step (interrupts its thread), the step execution is asked to stop
 * ({@code setTerminateOnly}), and the step fails at once with a {@link TimeoutException}
 * cause, so the attempt is recorded as timed out without waiting for the step thread.
 * Only then does the worker thread wait for the step thread to return (see
 * {@link StepThreads#awaitLeftRunning()}): a step that ignores the interrupt keeps its
 * worker slot taken until it really returns. A timed-out attempt counts in the queue's
 * statistics at its timeout, so the adaptive timeout sees slow attempts it cut short.
 * <p>
 * <b>Soft timeout.</b> When the attempt passes its queue's soft timeout percentage of its
 * timeout, once per attempt: a line in the job's log, the counter
 * {@code batchyard.timeout.soft} (tag {@code queue}) and a {@link SoftTimeoutReached}
 * event. The attempt keeps running.
 *
 * @author Batchyard
 */
class TimeLimitDecorator implements StepDecorator {

	private static final Log logger = LogFactory.getLog(TimeLimitDecorator.class);

	private final Timeouts timeouts;

	private final RunningAttempts running;

	private final StepThreads steps;

	private final Outlets outlets;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final Map<Attempt, Deadline> deadlines = Collections.synchronizedMap(new WeakHashMap<>());

	TimeLimitDecorator(Timeouts timeouts, RunningAttempts running, StepThreads steps, Outlets outlets, Clock clock,
			LongSupplier nanoTime) {
		this.timeouts = timeouts;
		this.running = running;
		this.steps = steps;
		this.outlets = outlets;
		this.clock = clock;
		this.nanoTime = nanoTime;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 300;
	}

	@Override
	public void around(StepExecution step, RunningJob job, Invocation next) throws Exception {
		Deadline deadline = deadline(job);
		if (deadline == null) {
			next.proceed();
			return;
		}
		if (deadline.remainingNanos(this.nanoTime.getAsLong()) <= 0) {
			throw timedOut(step, job, deadline, null);
		}
		FutureTask<Void> task = new FutureTask<>(() -> {
			next.proceed();
			return null;
		});
		CompletableFuture<Void> returned = this.steps.run(task);
		try {
			awaitSoftTimeout(task, job, deadline);
			long remaining = Math.max(deadline.remainingNanos(this.nanoTime.getAsLong()), 1_000_000);
			TimeLimiter limiter = TimeLimiter.of(job.queueName(),
					TimeLimiterConfig.custom()
						.timeoutDuration(Duration.ofNanos(remaining))
						.cancelRunningFuture(true)
						.build());
			limiter.executeFutureSupplier(() -> task);
		}
		catch (TimeoutException ex) {
			throw timedOut(step, job, deadline, ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		finally {
			if (!task.isDone()) {
				task.cancel(true);
			}
			this.steps.leftRunning(returned);
		}
	}

	private void awaitSoftTimeout(FutureTask<Void> task, RunningJob job, Deadline deadline) throws Exception {
		if (deadline.softWarned.get() || deadline.soft.compareTo(deadline.timeout) >= 0) {
			return;
		}
		long untilSoft = deadline.start + deadline.soft.toNanos() - this.nanoTime.getAsLong();
		try {
			if (untilSoft > 0) {
				task.get(untilSoft, TimeUnit.NANOSECONDS);
				return;
			}
		}
		catch (TimeoutException ex) {
			// the soft timeout passed: warn below
		}
		catch (ExecutionException ex) {
			return;
		}
		if (deadline.softWarned.compareAndSet(false, true)) {
			softTimeoutReached(job, deadline);
		}
	}

	private void softTimeoutReached(RunningJob job, Deadline deadline) {
		Duration elapsed = Duration.ofNanos(this.nanoTime.getAsLong() - deadline.start);
		String line = "Soft timeout: attempt " + job.attempt() + " has run " + elapsed.toMillis() + " ms, "
				+ deadline.softPercentage + " % of its " + deadline.timeout.toMillis() + " ms timeout";
		logger.warn("Job " + job.jobId() + " on " + job.queueName() + ": " + line);
		this.outlets.meters().counter("batchyard.timeout.soft", "queue", job.queueName()).increment();
		try {
			this.outlets.jobLog().log(job.jobId(), line);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not write the soft timeout warning to the log of job " + job.jobId() + ": " + ex);
		}
		this.outlets.events()
			.publishEvent(new SoftTimeoutReached(job.jobId(), job.queueName(), elapsed, deadline.timeout));
	}

	private TimeoutException timedOut(StepExecution step, RunningJob job, Deadline deadline, TimeoutException cause) {
		step.setTerminateOnly();
		this.outlets.meters().counter("batchyard.timeout.hard", "queue", job.queueName()).increment();
		this.timeouts.recordExecution(job.queueName(), deadline.timeout);
		TimeoutException timedOut = new TimeoutException("Attempt " + job.attempt() + " of job " + job.jobId()
				+ " timed out after " + deadline.timeout.toMillis() + " ms in step '" + step.getStepName() + "'");
		timedOut.initCause(cause);
		return timedOut;
	}

	private Deadline deadline(RunningJob job) {
		Attempt attempt = this.running.get(job.jobId());
		if (attempt == null || attempt.job().attempt() != job.attempt()) {
			return null;
		}
		return this.deadlines.computeIfAbsent(attempt, this::newDeadline);
	}

	private Deadline newDeadline(Attempt attempt) {
		ClaimedJob job = attempt.job();
		TimeoutConfig config = this.timeouts.config(job.queueName());
		Duration timeout = (job.timeoutMs() != null) ? Duration.ofMillis(job.timeoutMs()) : config.effectiveTimeout();
		Duration elapsed = Duration.between(job.startedAt(), this.clock.instant());
		long start = this.nanoTime.getAsLong() - Math.max(0, elapsed.toNanos());
		return new Deadline(start, timeout, config.softTimeout(timeout), config.softTimeoutPercentage());
	}

	/**
	 * Where the decorator reports to.
	 *
	 * @param meters the meter registry
	 * @param events the application's event publisher
	 * @param jobLog the jobs' logs
	 */
	record Outlets(MeterRegistry meters, ApplicationEventPublisher events, JobLog jobLog) {

	}

	/**
	 * Writes a line to a job's log.
	 */
	@FunctionalInterface
	interface JobLog {

		void log(long jobId, String line);

	}

	/** An attempt's deadline, fixed when its first step starts. */
	private static final class Deadline {

		private final long start;

		private final Duration timeout;

		private final Duration soft;

		private final int softPercentage;

		private final AtomicBoolean softWarned = new AtomicBoolean();

		Deadline(long start, Duration timeout, Duration soft, int softPercentage) {
			this.start = start;
			this.timeout = timeout;
			this.soft = soft;
			this.softPercentage = softPercentage;
		}

		long remainingNanos(long now) {
			return this.start + this.timeout.toNanos() - now;
		}

	}

}
