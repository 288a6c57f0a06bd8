package dev.batchyard.scaling.internal;

import dev.batchyard.scaling.Scaling;
import dev.batchyard.scaling.ScalingProperties;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The clustered Quartz job that runs the scaling interval: one node per interval for the
 * whole cluster, never two runs at once. A node with
 * {@code batchyard.scaling.enabled=false} skips the runs it gets. Quartz stores this
 * class's name: renaming it breaks the stored job.
 *
 * @author Batchyard
 */
@DisallowConcurrentExecution
class ScalingJob implements Job {

	private final Scaling scaling;

	private final ScalingProperties properties;

	ScalingJob(Scaling scaling, ScalingProperties properties) {
		this.scaling = scaling;
		this.properties = properties;
	}

	@Override
	public void execute(JobExecutionContext context) {
		if (this.properties.enabled()) {
			this.scaling.run();
		}
	}

}
