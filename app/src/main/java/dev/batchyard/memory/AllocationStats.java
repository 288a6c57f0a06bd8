package dev.batchyard.memory;

/**
 * What one queue's recent completed attempts allocated on this node, in MB.
 *
 * @param queueName the queue
 * @param sampleCount attempts measured (the last 1000 at most)
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max largest
 * @author Batchyard
 */
public record AllocationStats(String queueName, int sampleCount, double p50, double p95, double p99, double max) {

}
