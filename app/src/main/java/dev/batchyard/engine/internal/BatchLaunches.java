package dev.batchyard.engine.internal;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * Launches a job type's Batch job on the calling worker thread. The job instance is
 * identified by the Batchyard job id, so a retry of a durable job creates a new execution
 * of the same instance and Batch skips the steps that completed and resumes a chunked
 * step at its last committed chunk.
 * <p>
 * Creating an execution can meet a serialization failure when many durable jobs start at
 * once on PostgreSQL (README "Architecture", decision 3): the creation is retried a few
 * times.
 *
 * @author Batchyard
 */
class BatchLaunches {

	static final String JOB_ID_PARAMETER = "batchyard.job.id";

	private static final int CREATE_ATTEMPTS = 5;

	JobExecution launch(Job job, RunContext context) throws JobInterruptedException {
		JobParameters parameters = new JobParametersBuilder().addLong(JOB_ID_PARAMETER, context.jobId())
			.toJobParameters();
		JobExecution execution = create(context.jobRepository(), job.getName(), parameters);
		job.execute(execution);
		return execution;
	}

	private static JobExecution create(JobRepository repository, String name, JobParameters parameters) {
		for (int attempt = 1;; attempt++) {
			try {
				JobInstance instance = repository.getJobInstance(name, parameters);
				if (instance == null) {
					instance = repository.createJobInstance(name, parameters);
				}
				return repository.createJobExecution(instance, parameters, new ExecutionContext());
			}
			catch (ConcurrencyFailureException ex) {
				if (attempt == CREATE_ATTEMPTS) {
					throw ex;
				}
				Thread.onSpinWait();
			}
		}
	}

}
