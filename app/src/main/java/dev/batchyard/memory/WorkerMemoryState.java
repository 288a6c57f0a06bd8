package dev.batchyard.memory;

import java.time.Instant;

import dev.batchyard.engine.Workers.WorkerStatus;
import dev.batchyard.monitoring.SystemHealth.MemoryStats;

/**
 * One worker of this node (one queue's pool, its current generation) as memory sees it.
 *
 * @param workerId {@code <queue>@<node>#<generation>}
 * @param queueName the queue
 * @param status where it is in its lifecycle
 * @param jobsProcessed jobs its generation's workers returned from
 * @param startTime when its generation started
 * @param lastMemoryCheck the node's last memory sample: the workers of a JVM share one
 * heap, so no worker has figures of its own
 * @param shouldRecycle whether it is due for a recycle
 * @param recycleReason why, or null
 * @author Batchyard
 */
public record WorkerMemoryState(String workerId, String queueName, WorkerStatus status, long jobsProcessed,
		Instant startTime, MemoryStats lastMemoryCheck, boolean shouldRecycle, String recycleReason) {

}
