package dev.batchyard.retention;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many Spring Batch rows a Batchyard job has: its job instances, executions and step
 * executions, found by the identifying parameter {@code batchyard.job.id}.
 *
 * @param instances job instances
 * @param executions job executions
 * @param stepExecutions step executions
 */
record BatchRecords(long instances, long executions, long stepExecutions) {

	static final BatchRecords NONE = new BatchRecords(0, 0, 0);

	private static final String EXECUTIONS = "SELECT p.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION_PARAMS p"
			+ " WHERE p.PARAMETER_NAME = 'batchyard.job.id' AND p.PARAMETER_VALUE = ?";

	static BatchRecords of(JdbcClient jdbc, long jobId) {
		String id = Long.toString(jobId);
		long instances = count(jdbc, "SELECT COUNT(DISTINCT e.JOB_INSTANCE_ID) FROM BATCH_JOB_EXECUTION e"
				+ " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE e.JOB_EXECUTION_ID IN ("
				+ EXECUTIONS + ")", id);
		long executions = count(jdbc,
				"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID IN (" + EXECUTIONS + ")", id);
		long steps = count(jdbc,
				"SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + EXECUTIONS + ")", id);
		return new BatchRecords(instances, executions, steps);
	}

	private static long count(JdbcClient jdbc, String sql, String id) {
		return jdbc.sql(sql).param(id).query(Long.class).single();
	}

}
