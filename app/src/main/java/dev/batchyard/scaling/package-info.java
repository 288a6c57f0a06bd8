/**
 * The scaling service: per-queue policies (from the queue's tier, the catalog,
 * configuration and admin changes), decisions with the reason for them, and pools resized
 * across the cluster.
 * <p>
 * Once per {@code batchyard.scaling.interval} one node of the cluster decides for every
 * queue from monitoring's figures (depth, oldest-waiting latency, rates) and the node's
 * CPU and memory, and writes the queue's target (the cluster's total) to
 * {@code queue_state.target_workers} with the decision in {@code scaling_decision}. Every
 * node reads the targets every {@code refresh-interval} and resizes its own pool to its
 * share: the target split over the live nodes that serve the queue, in node-id order, at
 * least one worker per node.
 */
package dev.batchyard.scaling;
