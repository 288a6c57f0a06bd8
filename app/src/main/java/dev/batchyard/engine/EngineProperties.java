package dev.batchyard.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.catalog.Tier;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine's knobs, bound from {@code batchyard.engine}.
 *
 * @param pollInterval how often an idle dispatcher looks for ready jobs when no wake-up
 * came (a job enqueued on this node wakes it at once, one enqueued elsewhere through
 * PostgreSQL NOTIFY)
 * @param claimBatch the most jobs one claim takes
 * @param claimGather while a queue has a backlog, how long a freed worker waits for the
 * rest of its pool to free up so that one claim serves them all (0 claims for every freed
 * worker at once)
 * @param claimCursorLifetime on PostgreSQL, while a queue has a backlog, how long claims
 * may start where the last claim began instead of at the front of the queue, without a
 * wake-up saying a job became ready in front (0: every claim starts at the front); it
 * bounds how late a job nobody announced is seen ahead of the backlog
 * @param leaseDuration how long an active job's lease lasts without renewal; a node
 * silent for longer loses its jobs to another node
 * @param leaseRenewInterval how often a node renews its leases and heartbeats
 * @param rescueInterval how often a node looks for expired leases
 * @param stopCheckInterval how often a node checks whether its running jobs were
 * cancelled elsewhere
 * @param shutdownTimeout how long a graceful shutdown lets running jobs finish before it
 * hands them back to {@code waiting}
 * @param maxLogLines log lines kept per job (the oldest go first)
 * @param defaultPayloadLimitBytes the largest payload accepted
 * @param workerThreads what the workers' threads are: {@code virtual} (the default) or
 * {@code platform}
 * @param queueThreads per queue, what its workers' threads are, over
 * {@code worker-threads} (see {@link #threadsOf})
 * @author Batchyard
 */
@ConfigurationProperties("batchyard.engine")
public record EngineProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("50") int claimBatch,
		@DefaultValue("1ms") Duration claimGather, @DefaultValue("100ms") Duration claimCursorLifetime,
		@DefaultValue("30s") Duration leaseDuration, @DefaultValue("10s") Duration leaseRenewInterval,
		@DefaultValue("5s") Duration rescueInterval, @DefaultValue("1s") Duration stopCheckInterval,
		@DefaultValue("30s") Duration shutdownTimeout, @DefaultValue("200") int maxLogLines,
		@DefaultValue("262144") int defaultPayloadLimitBytes, @DefaultValue("virtual") WorkerThreads workerThreads,
		Map<String, WorkerThreads> queueThreads) {

	/**
	 * The queues of the built-in catalog whose jobs compute for long stretches (images,
	 * full reindexes, PDF documents): platform threads unless configured otherwise.
	 */
	static final Set<String> CPU_BOUND_QUEUES = Set.of("asset-processing", "search-reindex", "tax-document-generation");

	public EngineProperties {
		queueThreads = (queueThreads != null) ? Map.copyOf(queueThreads) : Map.of();
		require(pollInterval.toMillis() >= 10, "batchyard.engine.poll-interval must be at least 10ms");
		require(claimBatch >= 1 && claimBatch <= 1000, "batchyard.engine.claim-batch must be between 1 and 1000");
		require(!claimGather.isNegative() && claimGather.toMillis() <= 100,
				"batchyard.engine.claim-gather must be between 0 and 100ms");
		require(!claimCursorLifetime.isNegative() && claimCursorLifetime.toMillis() <= 10_000,
				"batchyard.engine.claim-cursor-lifetime must be between 0 and 10s");
		require(leaseRenewInterval.compareTo(leaseDuration) < 0,
				"batchyard.engine.lease-renew-interval must be shorter than batchyard.engine.lease-duration");
		require(!shutdownTimeout.isNegative(), "batchyard.engine.shutdown-timeout must not be negative");
		require(maxLogLines >= 1, "batchyard.engine.max-log-lines must be at least 1");
	}

	/**
	 * What a queue's workers run on. CRITICAL queues always run on platform threads,
	 * whatever is configured: the operating system time-slices those, so a CRITICAL job
	 * starts at once even while other queues' virtual threads compute on every carrier.
	 * Other queues: {@code batchyard.engine.queue-threads.<queue>}, else platform for the
	 * built-in CPU-bound queues, else {@code batchyard.engine.worker-threads}.
	 * @param queue the queue
	 * @return the thread kind of its pool
	 */
	public WorkerThreads threadsOf(QueueDefinition queue) {
		if (queue.tier() == Tier.CRITICAL) {
			return WorkerThreads.PLATFORM;
		}
		WorkerThreads configured = this.queueThreads.get(queue.name());
		if (configured != null) {
			return configured;
		}
		return CPU_BOUND_QUEUES.contains(queue.name()) ? WorkerThreads.PLATFORM : this.workerThreads;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * What the workers' threads are. Either way a queue's pool runs at most its size of
	 * jobs at once.
	 */
	public enum WorkerThreads {

		/**
		 * A new virtual thread for each job. Handing a claimed job to a worker costs no
		 * kernel wake-up, so short jobs run back to back on the JVM's carrier threads
		 * (one per core); a job that sleeps, waits on I/O or on JDBC frees its carrier
		 * meanwhile. Virtual threads are not time-sliced: a job that computes without
		 * blocking holds a carrier until it blocks or ends, and on Java 21 to 23 one that
		 * blocks inside a {@code synchronized} block pins it.
		 */
		VIRTUAL,

		/**
		 * One platform thread per worker, kept by the pool (idle ones end after a
		 * minute). The operating system time-slices them: choose it for a node whose jobs
		 * compute for long stretches while other queues' jobs must still start at once.
		 */
		PLATFORM

	}

	/**
	 * Which node this is and what it serves, bound from {@code batchyard.node}.
	 *
	 * @param id the node's name, unique in the cluster (default: the host name and a
	 * random suffix)
	 * @param queues the queues this node serves; empty means all (a dedicated
	 * high-priority server lists only its critical queues)
	 */
	@ConfigurationProperties("batchyard.node")
	public record NodeProperties(String id, @DefaultValue List<String> queues) {

	}

}
