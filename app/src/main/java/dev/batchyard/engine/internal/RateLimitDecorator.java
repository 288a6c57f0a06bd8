package dev.batchyard.engine.internal;

import dev.batchyard.engine.StepDecorator;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.Ordered;

/**
 * Takes a permit from every rate limiter of the job's queue and type before each step
 * (unless the type takes its permits per item). A closed limiter sends the job back to
 * {@code delayed} for the limiter's retry-after without spending an attempt (README
 * "Architecture", decision 5).
 *
 * @author Batchyard
 */
class RateLimitDecorator implements StepDecorator {

	private final JobLimiters limiters;

	RateLimitDecorator(JobLimiters limiters) {
		this.limiters = limiters;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 200;
	}

	@Override
	public void around(StepExecution step, RunningJob job, Invocation next) throws Exception {
		if (!this.limiters.perItem(job.type())) {
			this.limiters.take(job.queueName(), job.type());
		}
		next.proceed();
	}

}
