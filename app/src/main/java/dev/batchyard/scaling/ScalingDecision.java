package dev.batchyard.scaling;

import java.time.Instant;

/**
 * What the scaling service decides for a queue, and why.
 *
 * @param queueName the queue
 * @param action what it does
 * @param targetWorkers the cluster's total for the queue after it (within the policy's
 * min and max)
 * @param currentWorkers the total before it
 * @param reason why, in words a person reads ("Queue depth: 215 >= 100")
 * @param metrics the figures it was made on
 * @param cooldownRemainingSeconds how long until the queue may change in the direction it
 * wants (or, when it wants none, until it may scale up); 0 when it may now
 * @param executedAt when the service acted on it; {@code null} for a decision only
 * computed
 * @author Batchyard
 */
public record ScalingDecision(String queueName, ScalingAction action, int targetWorkers, int currentWorkers,
		String reason, ScalingMetrics metrics, long cooldownRemainingSeconds, Instant executedAt) {

	/**
	 * Whether acting on this decision changes the queue's workers.
	 * @return true for a change of the target
	 */
	public boolean changes() {
		return this.targetWorkers != this.currentWorkers;
	}

	/**
	 * This decision, acted on.
	 * @param at when
	 * @return the executed decision
	 */
	public ScalingDecision executedAt(Instant at) {
		return new ScalingDecision(this.queueName, this.action, this.targetWorkers, this.currentWorkers, this.reason,
				this.metrics, this.cooldownRemainingSeconds, at);
	}

}
