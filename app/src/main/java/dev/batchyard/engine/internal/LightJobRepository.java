package dev.batchyard.engine.internal;

import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The job repository of one light attempt: it keeps the attempt's job instance, its one
 * execution and their step executions in memory and writes nothing, as Batch's
 * {@code ResourcelessJobRepository} does, but numbers them from a counter shared by the
 * node.
 * <p>
 * Why not Batch's own: it numbers every execution 1. Batch's step and job synchronization
 * managers keep the running executions of the whole JVM in maps keyed by execution, and
 * executions are equal by id, so concurrent light attempts shared one step context: a
 * step could read another attempt's context, and one attempt releasing it under another
 * failed that one with a {@code NullPointerException} in
 * {@code SynchronizationManagerSupport} (seen in a 40,000-job drain).
 *
 * @author Batchyard
 */
final class LightJobRepository implements JobRepository {

	private final AtomicLong ids;

	private final JobKeyGenerator keys = new DefaultJobKeyGenerator();

	private JobInstance jobInstance;

	private JobExecution jobExecution;

	/**
	 * A repository for one attempt.
	 * @param ids the node's counter of light execution ids
	 */
	LightJobRepository(AtomicLong ids) {
		this.ids = ids;
	}

	@Override
	public List<String> getJobNames() {
		return (this.jobInstance != null) ? List.of(this.jobInstance.getJobName()) : List.of();
	}

	@Override
	public List<JobInstance> getJobInstances(String jobName, int start, int count) {
		return findJobInstances(jobName);
	}

	@Override
	public List<JobInstance> findJobInstances(String jobName) {
		return isNamed(jobName) ? List.of(this.jobInstance) : List.of();
	}

	@Override
	public JobInstance getJobInstance(long instanceId) {
		return (this.jobInstance != null && this.jobInstance.getId() == instanceId) ? this.jobInstance : null;
	}

	@Override
	public JobInstance getLastJobInstance(String jobName) {
		return isNamed(jobName) ? this.jobInstance : null;
	}

	@Override
	public JobInstance getJobInstance(String jobName, JobParameters parameters) {
		return (isNamed(jobName) && hasKeyOf(parameters)) ? this.jobInstance : null;
	}

	@Override
	public boolean isJobInstanceExists(String jobName, JobParameters parameters) {
		return getJobInstance(jobName, parameters) != null;
	}

	@Override
	public long getJobInstanceCount(String jobName) throws NoSuchJobException {
		if (!isNamed(jobName)) {
			throw new NoSuchJobException("No job instance named " + jobName);
		}
		return 1;
	}

	@Override
	public JobInstance createJobInstance(String jobName, JobParameters parameters) {
		this.jobInstance = new JobInstance(this.ids.incrementAndGet(), jobName);
		return this.jobInstance;
	}

	@Override
	public void deleteJobInstance(JobInstance instance) {
		this.jobInstance = null;
		this.jobExecution = null;
	}

	@Override
	public JobExecution getJobExecution(long executionId) {
		return (this.jobExecution != null && this.jobExecution.getId() == executionId) ? this.jobExecution : null;
	}

	@Override
	public JobExecution getLastJobExecution(String jobName, JobParameters parameters) {
		return (isNamed(jobName) && hasKeyOf(parameters)) ? this.jobExecution : null;
	}

	@Override
	public JobExecution getLastJobExecution(JobInstance instance) {
		return this.jobExecution;
	}

	@Override
	public List<JobExecution> getJobExecutions(JobInstance instance) {
		return (this.jobExecution != null) ? List.of(this.jobExecution) : List.of();
	}

	@Override
	public JobExecution createJobExecution(JobInstance instance, JobParameters parameters,
			ExecutionContext executionContext) {
		if (this.jobInstance == null || this.jobInstance.getId() != instance.getId()) {
			throw new IllegalStateException("Job instance " + instance.getId() + " is not this attempt's");
		}
		JobExecution execution = new JobExecution(this.ids.incrementAndGet(), instance, parameters);
		execution.setExecutionContext(executionContext);
		execution.setLastUpdated(LocalDateTime.now());
		this.jobExecution = execution;
		return execution;
	}

	@Override
	public void update(JobExecution execution) {
		execution.setLastUpdated(LocalDateTime.now());
		this.jobExecution = execution;
	}

	@Override
	public void updateExecutionContext(JobExecution execution) {
		// kept in memory only
	}

	@Override
	public void deleteJobExecution(JobExecution execution) {
		this.jobExecution = null;
	}

	@Override
	public StepExecution createStepExecution(String stepName, JobExecution execution) {
		StepExecution step = new StepExecution(this.ids.incrementAndGet(), stepName, execution);
		step.setStartTime(LocalDateTime.now());
		step.setStatus(BatchStatus.STARTING);
		step.setLastUpdated(LocalDateTime.now());
		step.incrementVersion();
		execution.addStepExecution(step);
		return step;
	}

	@Override
	public StepExecution getStepExecution(long jobExecutionId, long stepExecutionId) {
		if (this.jobExecution == null || this.jobExecution.getId() != jobExecutionId) {
			return null;
		}
		return getStepExecution(stepExecutionId);
	}

	@Override
	public StepExecution getStepExecution(long stepExecutionId) {
		if (this.jobExecution == null) {
			return null;
		}
		return this.jobExecution.getStepExecutions()
			.stream()
			.filter((step) -> step.getId() == stepExecutionId)
			.findFirst()
			.orElse(null);
	}

	@Override
	public StepExecution getLastStepExecution(JobInstance instance, String stepName) {
		return stepsNamed(instance, stepName).findFirst().orElse(null);
	}

	@Override
	public long getStepExecutionCount(JobInstance instance, String stepName) {
		return stepsNamed(instance, stepName).count();
	}

	@Override
	public void update(StepExecution step) {
		step.setLastUpdated(LocalDateTime.now());
		if (this.jobExecution != null && this.jobExecution.isStopped()) {
			step.setTerminateOnly();
		}
	}

	@Override
	public void updateExecutionContext(StepExecution step) {
		// kept in memory only
	}

	/**
	 * The step executions of the given name in this attempt's execution of the instance.
	 */
	private Stream<StepExecution> stepsNamed(JobInstance instance, String stepName) {
		if (this.jobExecution == null || this.jobExecution.getJobInstance().getId() != instance.getId()) {
			return Stream.empty();
		}
		return this.jobExecution.getStepExecutions().stream().filter((step) -> step.getStepName().equals(stepName));
	}

	private boolean isNamed(String jobName) {
		return this.jobInstance != null && this.jobInstance.getJobName().equals(jobName);
	}

	private boolean hasKeyOf(JobParameters parameters) {
		return this.jobExecution != null && this.keys.generateKey(this.jobExecution.getJobParameters())
			.equals(this.keys.generateKey(parameters));
	}

}
