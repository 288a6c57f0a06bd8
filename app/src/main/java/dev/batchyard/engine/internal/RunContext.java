package dev.batchyard.engine.internal;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.batchyard.catalog.spi.Bookkeeping;
import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.engine.StepDecorator;
import dev.batchyard.engine.StepDecorator.RunningJob;
import dev.batchyard.engine.internal.RunningAttempts.Attempt;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@link JobContext} of one attempt. A {@link Bookkeeping#LIGHT} attempt gets a job
 * repository of its own that keeps nothing ({@link LightJobRepository}) and a transaction
 * manager that keeps nothing; a {@link Bookkeeping#DURABLE} one gets the application's
 * JDBC job repository.
 *
 * @author Batchyard
 */
class RunContext implements JobContext {

	private final Attempt attempt;

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final List<StepDecorator> decorators;

	private final Reporter reporter;

	private final JobLimiters limiters;

	private volatile Object result;

	private final ProgressThrottle progress;

	RunContext(Attempt attempt, Bookkeeping bookkeeping, Infrastructure durable, List<StepDecorator> decorators,
			Reporter reporter, JobLimiters limiters, ProgressThrottle progress) {
		this.attempt = attempt;
		this.progress = progress;
		this.limiters = limiters;
		boolean light = bookkeeping == Bookkeeping.LIGHT;
		this.jobRepository = light ? new LightJobRepository(durable.lightExecutionIds()) : durable.jobRepository();
		this.transactionManager = light ? durable.lightTransactionManager() : durable.transactionManager();
		this.decorators = decorators;
		this.reporter = reporter;
	}

	@Override
	public long jobId() {
		return this.attempt.job().id();
	}

	@Override
	public int attempt() {
		return this.attempt.job().attempt();
	}

	@Override
	public String queueName() {
		return this.attempt.job().queueName();
	}

	@Override
	public JobRepository jobRepository() {
		return this.jobRepository;
	}

	@Override
	public PlatformTransactionManager transactionManager() {
		return this.transactionManager;
	}

	@Override
	public Job job(String name, Step... steps) {
		if (steps.length == 0) {
			throw new IllegalArgumentException("A job needs at least one step");
		}
		RunningJob running = new RunningJob(jobId(), queueName(), this.attempt.job().type(), attempt());
		List<Step> decorated = Arrays.stream(steps)
			.map((step) -> (Step) new DecoratedStep(step, this.decorators, running))
			.toList();
		// the parameters are the engine's own (job id, attempt), never a job type's or a
		// user's: Batch's default validator only collected their names into sets, every
		// attempt
		SimpleJobBuilder builder = new JobBuilder(name, this.jobRepository).validator(RunContext::engineParameters)
			.start(decorated.get(0));
		decorated.subList(1, decorated.size()).forEach(builder::next);
		return builder.build();
	}

	private static void engineParameters(JobParameters parameters) {
	}

	@Override
	public <I, O> ItemProcessor<I, O> permitPerItem(ItemProcessor<I, O> processor) {
		ClaimedJob job = this.attempt.job();
		return (item) -> {
			this.limiters.take(job.queueName(), job.type());
			return processor.process(item);
		};
	}

	/** Stores progress as {@link ProgressThrottle} allows: at most every 250 ms. */
	@Override
	public void progress(int percent) {
		int stored = this.progress.accept(percent);
		if (stored >= 0) {
			this.reporter.progress(jobId(), stored);
		}
	}

	@Override
	public void log(String line) {
		this.reporter.log(jobId(), line);
	}

	@Override
	public void result(Object result) {
		this.result = result;
	}

	@Override
	public boolean stopRequested() {
		return this.attempt.stopRequested();
	}

	Object result() {
		return this.result;
	}

	/**
	 * The JDBC infrastructure durable jobs use, and the transaction manager light jobs
	 * share (a {@link ResourcelessTransactionManager} keeps its transactions in
	 * thread-bound resources, not in fields).
	 *
	 * @param jobRepository Batch's JDBC job repository
	 * @param transactionManager the database's transaction manager
	 * @param lightTransactionManager the transaction manager of light jobs
	 * @param lightExecutionIds the node's counter the ids of light jobs' Batch executions
	 * come from (see {@link LightJobRepository})
	 */
	record Infrastructure(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PlatformTransactionManager lightTransactionManager, AtomicLong lightExecutionIds) {

	}

	/**
	 * Where progress and log lines go.
	 */
	interface Reporter {

		void progress(long jobId, int percent);

		void log(long jobId, String line);

	}

}
