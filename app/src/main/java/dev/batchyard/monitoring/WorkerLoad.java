package dev.batchyard.monitoring;

/**
 * One queue's worker pool on one node, as the node last reported it.
 *
 * @param nodeId the node
 * @param workerId {@code <queue>@<node>#<generation>}
 * @param size workers it may run at once
 * @param busy workers running a job
 * @author Batchyard
 */
public record WorkerLoad(String nodeId, String workerId, int size, int busy) {
}
