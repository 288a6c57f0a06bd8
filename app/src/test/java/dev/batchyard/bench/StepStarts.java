package dev.batchyard.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.step.StepExecution;

import dev.batchyard.engine.StepDecorator;

/**
 * Notes, for each job, the moment ({@link System#nanoTime()}) its first step begins: the
 * innermost step decorator, so the claim's round trip and the hand-off to the worker are
 * inside the measured wait.
 *
 * @author Batchyard
 */
final class StepStarts implements StepDecorator {

	private final Map<Long, Long> starts = new ConcurrentHashMap<>();

	@Override
	public void around(StepExecution step, RunningJob job, Invocation next) throws Exception {
		this.starts.putIfAbsent(job.jobId(), System.nanoTime());
		next.proceed();
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	/** When the job's first step began, or null if it has not. */
	Long of(long jobId) {
		return this.starts.get(jobId);
	}

	void clear() {
		this.starts.clear();
	}

}
