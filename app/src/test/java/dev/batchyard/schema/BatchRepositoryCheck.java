package dev.batchyard.schema;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds Spring Batch's JDBC job repository over a migrated database and records a job
 * instance, an execution with its parameters and context, and a step execution.
 *
 * @author Batchyard
 */
final class BatchRepositoryCheck {

	private BatchRepositoryCheck() {
	}

	static void createsInstanceExecutionAndStep(DataSource dataSource) throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new JdbcTransactionManager(dataSource));
		factory.afterPropertiesSet();
		JobRepository repository = factory.getObject();

		JobParameters parameters = new JobParametersBuilder().addString("jobId", "42").toJobParameters();
		JobInstance instance = repository.createJobInstance("report-generation", parameters);
		ExecutionContext context = new ExecutionContext();
		context.putString("cursor", "page-3");
		JobExecution execution = repository.createJobExecution(instance, parameters, context);
		StepExecution step = repository.createStepExecution("render", execution);
		step.setStatus(BatchStatus.COMPLETED);
		repository.update(step);

		assertThat(repository.getJobInstance("report-generation", parameters)).isEqualTo(instance);
		JobExecution stored = repository.getLastJobExecution(instance);
		assertThat(stored.getId()).isEqualTo(execution.getId());
		assertThat(stored.getExecutionContext().getString("cursor")).isEqualTo("page-3");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		assertThat(
				jdbc.queryForObject("SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?",
						String.class, execution.getId()))
			.isEqualTo("42");
		assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, execution.getId()))
			.isEqualTo("COMPLETED");
	}

}
