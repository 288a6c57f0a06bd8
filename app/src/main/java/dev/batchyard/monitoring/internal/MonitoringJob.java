package dev.batchyard.monitoring.internal;

import dev.batchyard.monitoring.Monitoring;
import dev.batchyard.monitoring.MonitoringProperties;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The clustered Quartz job that runs the monitoring interval: one node per interval, and
 * never two runs at once. A node with {@code batchyard.monitoring.enabled=false} skips
 * the runs it gets. Quartz stores this class's name: renaming it breaks the stored job.
 *
 * @author Batchyard
 */
@DisallowConcurrentExecution
class MonitoringJob implements Job {

	private final Monitoring monitoring;

	private final MonitoringProperties properties;

	MonitoringJob(Monitoring monitoring, MonitoringProperties properties) {
		this.monitoring = monitoring;
		this.properties = properties;
	}

	@Override
	public void execute(JobExecutionContext context) {
		if (this.properties.enabled()) {
			this.monitoring.run();
		}
	}

}
