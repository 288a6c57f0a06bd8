package dev.batchyard.engine.internal;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.limits.Permit;
import dev.batchyard.limits.RateLimits;

/**
 * The rate limiters a job takes permits from — its queue's and its type's — and the
 * taking of one permit from all of them, or a {@link LimiterClosedException}.
 *
 * @author Batchyard
 */
class JobLimiters {

	/** The shortest wait before a limited job is tried again. */
	private static final Duration MIN_WAIT = Duration.ofMillis(10);

	private final QueueCatalog catalog;

	private final JobTypeRegistry types;

	private final RateLimits rateLimits;

	JobLimiters(QueueCatalog catalog, JobTypeRegistry types, RateLimits rateLimits) {
		this.catalog = catalog;
		this.types = types;
		this.rateLimits = rateLimits;
	}

	/** Whether the type takes its permits per item (then not per step). */
	boolean perItem(String type) {
		return this.types.has(type) && this.types.get(type).permitsPerItem();
	}

	/** Takes one permit from every limiter of the job's queue and type, or throws. */
	void take(String queueName, String type) {
		List<String> limiters = of(queueName, type);
		if (limiters.isEmpty()) {
			return;
		}
		Permit permit = this.rateLimits.tryAcquire(limiters);
		if (!permit.granted()) {
			Duration wait = (permit.retryAfter().compareTo(MIN_WAIT) < 0) ? MIN_WAIT : permit.retryAfter();
			throw new LimiterClosedException(queueName, wait);
		}
	}

	private List<String> of(String queueName, String type) {
		List<String> queue = this.catalog.get(queueName).limiters();
		JobType<?> jobType = this.types.has(type) ? this.types.get(type) : null;
		if (jobType == null || jobType.limiters().isEmpty()) {
			return queue;
		}
		Set<String> all = new LinkedHashSet<>(queue);
		all.addAll(jobType.limiters());
		return List.copyOf(all);
	}

}
