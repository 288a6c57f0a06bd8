package dev.batchyard.retention.internal;

import dev.batchyard.retention.Retention;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The clustered Quartz job that runs retention: one node per interval, and never two runs
 * at once (a long run over a large backlog holds back the next one instead of racing it
 * for the same rows). Quartz stores this class's name: renaming it breaks the stored job.
 *
 * @author Batchyard
 */
@DisallowConcurrentExecution
class RetentionJob implements Job {

	private final Retention retention;

	RetentionJob(Retention retention) {
		this.retention = retention;
	}

	@Override
	public void execute(JobExecutionContext context) {
		this.retention.purge();
	}

}
