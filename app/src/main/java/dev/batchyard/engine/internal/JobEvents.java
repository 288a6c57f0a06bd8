package dev.batchyard.engine.internal;

import java.time.Instant;

import dev.batchyard.engine.JobState;
import dev.batchyard.engine.JobStateChanged;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes {@link JobStateChanged} events from the engine's threads. Publishing does no
 * store work, and a failing listener never fails the engine's work.
 *
 * @author Batchyard
 */
class JobEvents {

	private static final Log logger = LogFactory.getLog(JobEvents.class);

	private final ApplicationEventPublisher publisher;

	JobEvents(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	void changed(long jobId, String queueName, String type, JobState state, Instant at) {
		try {
			this.publisher.publishEvent(new JobStateChanged(jobId, queueName, type, state, at));
		}
		catch (RuntimeException ex) {
			logger.debug("A listener of job events failed; the job is not affected", ex);
		}
	}

}
