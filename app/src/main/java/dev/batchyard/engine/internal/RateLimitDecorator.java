package dev.batchyard.engine.internal;

import java.time.Duration;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.StepDecorator;
import dev.batchyard.limits.Permit;
import dev.batchyard.limits.RateLimits;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.Ordered;

/**
 * Takes a permit from every rate limiter of the job's queue before each step. A closed
 * limiter sends the job back to {@code delayed} for the limiter's retry-after without
 * spending an attempt (DESIGN.md decision 5).
 *
 * @author Batchyard
 */
class RateLimitDecorator implements StepDecorator {

	/** The shortest wait before a limited job is tried again. */
	private static final Duration MIN_WAIT = Duration.ofMillis(10);

	private final QueueCatalog catalog;

	private final RateLimits rateLimits;

	RateLimitDecorator(QueueCatalog catalog, RateLimits rateLimits) {
		this.catalog = catalog;
		this.rateLimits = rateLimits;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 200;
	}

	@Override
	public void around(StepExecution step, RunningJob job, Invocation next) throws Exception {
		var limiters = this.catalog.get(job.queueName()).limiters();
		if (!limiters.isEmpty()) {
			Permit permit = this.rateLimits.tryAcquire(limiters);
			if (!permit.granted()) {
				Duration wait = (permit.retryAfter().compareTo(MIN_WAIT) < 0) ? MIN_WAIT : permit.retryAfter();
				throw new LimiterClosedException(job.queueName(), wait);
			}
		}
		next.proceed();
	}

}
