package dev.batchyard.engine.internal;

import java.util.List;

import dev.batchyard.engine.StepDecorator;
import dev.batchyard.engine.StepDecorator.RunningJob;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * A step run through the engine's ordered chain of {@link StepDecorator}s. Keeps the
 * wrapped step's name and restart settings, so Batch resumes a durable job at the same
 * step.
 *
 * @author Batchyard
 */
class DecoratedStep implements Step {

	private final Step step;

	private final List<StepDecorator> decorators;

	private final RunningJob job;

	DecoratedStep(Step step, List<StepDecorator> decorators, RunningJob job) {
		this.step = step;
		this.decorators = decorators;
		this.job = job;
	}

	@Override
	public String getName() {
		return this.step.getName();
	}

	@Override
	public boolean isAllowStartIfComplete() {
		return this.step.isAllowStartIfComplete();
	}

	@Override
	public int getStartLimit() {
		return this.step.getStartLimit();
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		try {
			invoke(0, stepExecution);
		}
		catch (JobInterruptedException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new StepDecoratorException(ex);
		}
	}

	private void invoke(int index, StepExecution stepExecution) throws Exception {
		if (index == this.decorators.size()) {
			this.step.execute(stepExecution);
			return;
		}
		this.decorators.get(index).around(stepExecution, this.job, () -> invoke(index + 1, stepExecution));
	}

	/**
	 * A checked exception from a decorator, carried through Batch to the job's outcome.
	 */
	static final class StepDecoratorException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		StepDecoratorException(Exception cause) {
			super(cause.getMessage(), cause);
		}

	}

}
