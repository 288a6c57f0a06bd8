package dev.batchyard.engine.internal;

import java.time.Instant;

import dev.batchyard.engine.JobState;
import dev.batchyard.engine.JobStateChanged;
import dev.batchyard.engine.WorkerRecycled;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.ResolvableType;

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
		changed(jobId, queueName, type, state, at, null);
	}

	void changed(long jobId, String queueName, String type, JobState state, Instant at, Long durationMs) {
		try {
			this.publisher
				.publishEvent(new Published(this, new JobStateChanged(jobId, queueName, type, state, at, durationMs)));
		}
		catch (RuntimeException ex) {
			logger.debug("A listener of job events failed; the job is not affected", ex);
		}
	}

	/** Publishes a finished recycle; a failing listener is logged, never thrown. */
	void recycled(WorkerRecycled event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of worker recycles failed; the worker is not affected", ex);
		}
	}

	/**
	 * A {@link JobStateChanged} as Spring would wrap it, with its type resolved once.
	 * Published bare, every event (two per job) had its generic type resolved anew,
	 * twice, on the way to its listeners: about a twentieth of the node's CPU in a drain
	 * of short jobs. Listeners of {@code JobStateChanged} receive the payload as before.
	 */
	private static final class Published extends PayloadApplicationEvent<JobStateChanged> {

		private static final long serialVersionUID = 1L;

		private static final ResolvableType PAYLOAD = ResolvableType.forClass(JobStateChanged.class);

		private static final ResolvableType TYPE = ResolvableType.forClass(Published.class);

		Published(Object source, JobStateChanged event) {
			super(source, event, PAYLOAD);
		}

		@Override
		public ResolvableType getResolvableType() {
			return TYPE;
		}

	}

}
