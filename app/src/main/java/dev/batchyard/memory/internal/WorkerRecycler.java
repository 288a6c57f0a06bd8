package dev.batchyard.memory.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.engine.WorkerNotFoundException;
import dev.batchyard.engine.Workers;
import dev.batchyard.engine.Workers.WorkerGeneration;
import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.memory.MemoryProperties;
import dev.batchyard.memory.RecycleWorkerResult;
import dev.batchyard.memory.WorkerMemoryState;
import dev.batchyard.memory.WorkerMemorySummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Decides when this node's workers are due for a recycle, and asks the engine to recycle
 * them: after {@code recycle-after-jobs} jobs, after {@code recycle-after-hours}, and,
 * with {@code recycle-on-hard-limit}, once per stretch of samples over the hard limit (a
 * generation started during the stretch is not recycled again for it). Checked after
 * every memory sample, so a worker may run a few jobs past its count before it is
 * recycled.
 *
 * @author Batchyard
 */
class WorkerRecycler {

	private static final Log logger = LogFactory.getLog(WorkerRecycler.class);

	private final ObjectProvider<Workers> workers;

	private final MemorySampler sampler;

	private final MemoryProperties properties;

	private final Clock clock;

	/** When the current stretch of samples over the hard limit began; null: under it. */
	private volatile Instant overHardLimitSince;

	WorkerRecycler(ObjectProvider<Workers> workers, MemorySampler sampler, MemoryProperties properties, Clock clock) {
		this.workers = workers;
		this.sampler = sampler;
		this.properties = properties;
		this.clock = clock;
	}

	/** After each sample: notes the hard limit, recycles the workers that are due. */
	void afterSample(CurrentMemory sample) {
		if (!sample.status().exceedsCritical()) {
			this.overHardLimitSince = null;
		}
		else if (this.overHardLimitSince == null) {
			this.overHardLimitSince = sample.stats().timestamp();
		}
		Instant now = this.clock.instant();
		for (WorkerGeneration worker : this.workers.getObject().generations()) {
			String reason = (worker.status() == Workers.WorkerStatus.ACTIVE) ? dueReason(worker, sample, now) : null;
			if (reason != null) {
				try {
					this.workers.getObject().recycle(worker.workerId(), reason, this.properties.recycleGrace());
				}
				catch (WorkerNotFoundException ex) {
					// recycled meanwhile by an admin: its next generation is checked next
					// time
				}
				catch (RuntimeException ex) {
					logger.warn("Could not recycle worker " + worker.workerId() + " (" + reason + ")", ex);
				}
			}
		}
	}

	WorkerMemorySummary summary() {
		CurrentMemory last = this.sampler.last();
		Instant now = this.clock.instant();
		List<WorkerMemoryState> states = new ArrayList<>();
		long processed = 0;
		int due = 0;
		for (WorkerGeneration worker : this.workers.getObject().generations()) {
			String reason = dueReason(worker, last, now);
			states.add(new WorkerMemoryState(worker.workerId(), worker.queueName(), worker.status(),
					worker.jobsProcessed(), worker.startedAt(), last.stats(), reason != null, reason));
			processed += worker.jobsProcessed();
			due += (reason != null) ? 1 : 0;
		}
		return new WorkerMemorySummary(states.size(), processed, states.isEmpty() ? 0 : last.stats().heapUsed(), due,
				states);
	}

	RecycleWorkerResult recycle(String workerId, String reason, boolean graceful) {
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("reason must say why the worker is recycled");
		}
		Duration grace = graceful ? this.properties.recycleGrace() : Duration.ZERO;
		String queueName = this.workers.getObject()
			.generations()
			.stream()
			.filter((worker) -> worker.workerId().equals(workerId))
			.map(WorkerGeneration::queueName)
			.findFirst()
			.orElse(null);
		if (this.workers.getObject().recycle(workerId, reason, grace)) {
			return new RecycleWorkerResult(true, workerId, queueName, RecycleWorkerResult.Status.RECYCLING,
					"Worker " + workerId + " stops claiming; its running jobs "
							+ (graceful ? "get up to " + grace.toSeconds() + " s to finish"
									: "are handed back to waiting now")
							+ ", then generation #" + (generation(workerId) + 1) + " starts");
		}
		return new RecycleWorkerResult(false, workerId, queueName, RecycleWorkerResult.Status.FAILED,
				"Worker " + workerId + " is already being recycled");
	}

	/** Why the worker is due for a recycle, or null. */
	private String dueReason(WorkerGeneration worker, CurrentMemory sample, Instant now) {
		if (worker.jobsProcessed() >= this.properties.recycleAfterJobs()) {
			return "processed " + worker.jobsProcessed() + " jobs (recycle-after-jobs: "
					+ this.properties.recycleAfterJobs() + ")";
		}
		Duration age = Duration.between(worker.startedAt(), now);
		if (age.compareTo(Duration.ofHours(this.properties.recycleAfterHours())) >= 0) {
			return "running for " + age.toMinutes() + " min (recycle-after-hours: "
					+ this.properties.recycleAfterHours() + ")";
		}
		Instant over = this.overHardLimitSince;
		if (this.properties.recycleOnHardLimit() && sample.status().exceedsCritical() && over != null
				&& worker.startedAt().isBefore(over)) {
			return "heap in use " + Math.round(sample.stats().heapUsed()) + " MB over the hard limit of "
					+ sample.limits().hardLimitMB() + " MB";
		}
		return null;
	}

	private static int generation(String workerId) {
		return Integer.parseInt(workerId.substring(workerId.lastIndexOf('#') + 1));
	}

}
