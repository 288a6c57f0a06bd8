package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <b>Hard timeout.</b> The step runs on its worker thread; the time limiter watches it
 * from a timer thread ({@code batchyard-time-limiter}). Running the step in place rather
 * than handing it to a second thread the worker waits on saves two thread switches per
 * step (about a fifth of a light job's cost on the node). At the deadline the limiter's
 * timeout interrupts the worker thread and asks the step execution to stop
 * ({@code setTerminateOnly}); the step returns and fails with a {@link TimeoutException},
 * so the attempt is recorded as timed out. A step that ignores the interrupt is recorded
 * as timed out all the same, by the time limiter, {@link #STUCK_GRACE} after the
 * deadline; its worker stays taken until the step really returns, so a queue never runs
 * more steps than its pool has workers. A timed-out attempt counts in the queue's
 * statistics at its timeout, so the adaptive timeout sees slow attempts it cut short.
 * <p>
 * <b>Soft timeout.</b> When the attempt passes its queue's soft timeout percentage of its
 * timeout, once per attempt: a line in the job's log, the counter
 * {@code batchyard.timeout.soft} (tag {@code queue}) and a {@link SoftTimeoutReached}
 * event. The attempt keeps running.
 *
 * @author Batchyard
 */
class TimeLimitDecorator implements StepDecorator, AutoCloseable {

	private static final Log logger = LogFactory.getLog(TimeLimitDecorator.class);

	/**
	 * How long after the deadline an interrupted step may take to return before the time
	 * limiter records the timeout itself.
	 */
	static final Duration STUCK_GRACE = Duration.ofMillis(50);

	private final Timeouts timeouts;

	private final RunningAttempts running;

	private final Outlets outlets;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final TimeoutScheduler timer;

	/** Soft warnings and stuck timeouts write to the database: off the timer thread. */
	private final ExecutorService writes = Executors
		.newCachedThreadPool((task) -> Thread.ofPlatform().name("batchyard-timeouts").daemon().unstarted(task));

	TimeLimitDecorator(Timeouts timeouts, RunningAttempts running, Outlets outlets, Clock clock,
			LongSupplier nanoTime) {
		this.timeouts = timeouts;
		this.running = running;
		this.outlets = outlets;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.timer = new TimeoutScheduler("batchyard-time-limiter");
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 300;
	}

	@Override
	public void around(StepExecution step, RunningJob job, Invocation next) throws Exception {
		Attempt attempt = this.running.get(job.jobId());
		if (attempt == null || attempt.job().attempt() != job.attempt()) {
			next.proceed();
			return;
		}
		Deadline deadline = attempt.deadline();
		if (deadline == null) {
			deadline = newDeadline(attempt);
			attempt.deadline(deadline);
		}
		long remaining = deadline.remainingNanos(this.nanoTime.getAsLong());
		if (remaining <= 0) {
			hardTimeout(step, job, deadline);
			throw timedOut(step, job, deadline, null);
		}
		Watch watch = new Watch(attempt, step, job, deadline);
		try {
			watch.start(Math.max(remaining, 1_000_000));
		}
		catch (RejectedExecutionException ex) {
			// the node is stopping and its timer is gone: the engine's shutdown timeout
			// bounds what is still running
			next.proceed();
			return;
		}
		try {
			next.proceed();
		}
		catch (Exception ex) {
			if (watch.finish()) {
				TimeoutException timedOut = timedOut(step, job, deadline, watch.limiterTimeout);
				timedOut.addSuppressed(ex);
				throw timedOut;
			}
			throw ex;
		}
		catch (Error ex) {
			watch.finish();
			throw ex;
		}
		if (watch.finish()) {
			throw timedOut(step, job, deadline, watch.limiterTimeout);
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		this.writes.shutdownNow();
	}

	/** Once per timed-out attempt: the step is asked to stop, and the timeout counted. */
	private void hardTimeout(StepExecution step, RunningJob job, Deadline deadline) {
		step.setTerminateOnly();
		this.outlets.meters().counter("batchyard.timeout.hard", "queue", job.queueName()).increment();
		this.timeouts.recordExecution(job.queueName(), deadline.timeout);
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

	private static TimeoutException timedOut(StepExecution step, RunningJob job, Deadline deadline,
			TimeoutException cause) {
		TimeoutException timedOut = new TimeoutException("Attempt " + job.attempt() + " of job " + job.jobId()
				+ " timed out after " + deadline.timeout.toMillis() + " ms in step '" + step.getStepName() + "'");
		timedOut.initCause(cause);
		return timedOut;
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
	 * One step under watch. Its state moves from running to either done (the step
	 * returned in time) or timed out, then interrupted (the timer thread interrupted the
	 * worker), then returned (the worker cleared that interrupt). The worker thread is
	 * interrupted only while the step runs, never once it has returned.
	 */
	private final class Watch {

		private static final int RUNNING = 0;

		private static final int DONE = 1;

		private static final int TIMED_OUT = 2;

		private static final int INTERRUPTED = 3;

		private static final int RETURNED = 4;

		private final AtomicInteger state = new AtomicInteger(RUNNING);

		private final CompletableFuture<Void> stepReturned = new CompletableFuture<>();

		private final Attempt attempt;

		private final StepExecution step;

		private final RunningJob job;

		private final Deadline deadline;

		private volatile TimeoutException limiterTimeout;

		private ScheduledFuture<?> soft;

		Watch(Attempt attempt, StepExecution step, RunningJob job, Deadline deadline) {
			this.attempt = attempt;
			this.step = step;
			this.job = job;
			this.deadline = deadline;
		}

		void start(long remainingNanos) {
			TimeLimiter limiter = TimeLimiter.of(this.job.queueName(),
					TimeLimiterConfig.custom().timeoutDuration(Duration.ofNanos(remainingNanos)).build());
			limiter.executeCompletionStage(TimeLimitDecorator.this.timer, () -> this.stepReturned)
				.whenComplete((ignored, error) -> {
					TimeoutException timeout = cause(error);
					if (timeout != null) {
						deadlinePassed(timeout);
					}
				});
			if (!this.deadline.softWarned.get() && this.deadline.soft.compareTo(this.deadline.timeout) < 0) {
				long untilSoft = this.deadline.start + this.deadline.soft.toNanos()
						- TimeLimitDecorator.this.nanoTime.getAsLong();
				this.soft = TimeLimitDecorator.this.timer.schedule(this::softTimeoutPassed, Math.max(untilSoft, 0),
						TimeUnit.NANOSECONDS);
			}
		}

		/** On the worker thread when the step returned: whether it timed out. */
		boolean finish() {
			if (this.soft != null) {
				this.soft.cancel(false);
			}
			if (this.state.compareAndSet(RUNNING, DONE)) {
				this.stepReturned.complete(null);
				return false;
			}
			while (this.state.get() == TIMED_OUT) {
				// the timer thread is between its decision and the interrupt
				Thread.onSpinWait();
			}
			Thread.interrupted();
			this.state.set(RETURNED);
			return true;
		}

		private void deadlinePassed(TimeoutException timeout) {
			if (!this.state.compareAndSet(RUNNING, TIMED_OUT)) {
				return;
			}
			this.limiterTimeout = timeout;
			this.attempt.thread().interrupt();
			this.state.set(INTERRUPTED);
			hardTimeout(this.step, this.job, this.deadline);
			TimeLimitDecorator.this.timer.schedule(this::recordIfStuck, STUCK_GRACE.toNanos(), TimeUnit.NANOSECONDS);
		}

		private void recordIfStuck() {
			if (this.state.get() == INTERRUPTED) {
				TimeoutException timedOut = timedOut(this.step, this.job, this.deadline, this.limiterTimeout);
				TimeLimitDecorator.this.writes.execute(() -> this.attempt.failNow(timedOut));
			}
		}

		private void softTimeoutPassed() {
			if (this.state.get() == RUNNING && this.deadline.softWarned.compareAndSet(false, true)) {
				TimeLimitDecorator.this.writes.execute(() -> softTimeoutReached(this.job, this.deadline));
			}
		}

		private static TimeoutException cause(Throwable error) {
			for (Throwable cause = error; cause != null; cause = cause.getCause()) {
				if (cause instanceof TimeoutException timeout) {
					return timeout;
				}
			}
			return null;
		}

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
	static final class Deadline {

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
