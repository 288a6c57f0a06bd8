package dev.batchyard.scaling;

import java.time.Instant;
import java.util.List;

/**
 * The scaling service: every queue's policy, the decision it would take now, the
 * decisions it took, and admin changes to a policy.
 *
 * @author Batchyard
 */
public interface Scaling {

	/** The most history entries one query returns. */
	int MAX_HISTORY = 1000;

	/**
	 * Every queue's effective policy, in catalog order.
	 * @return the policies
	 */
	List<ScalingPolicy> policies();

	/**
	 * A queue's effective policy.
	 * @param queueName the queue
	 * @return the policy
	 * @throws dev.batchyard.catalog.QueueNotFoundException for an unknown queue
	 */
	ScalingPolicy policy(String queueName);

	/**
	 * The decision the service would take for a queue now, without acting on it.
	 * @param queueName the queue
	 * @return the decision
	 * @throws dev.batchyard.catalog.QueueNotFoundException for an unknown queue
	 */
	ScalingDecision decide(String queueName);

	/**
	 * The decisions the service acted on for a queue, newest first.
	 * @param queueName the queue
	 * @param limit at most this many, 1 to {@value #MAX_HISTORY}
	 * @param since only those executed after this, or {@code null} for all kept
	 * @return the decisions
	 * @throws IllegalArgumentException for a limit out of range
	 */
	List<ScalingDecision> history(String queueName, int limit, Instant since);

	/**
	 * Changes a queue's policy: persisted, and applied by every node within 5 s.
	 * @param queueName the queue
	 * @param change the values to change
	 * @param actor who changes it
	 * @return the new effective policy
	 * @throws InvalidScalingPolicyException when the result breaks a rule (nothing is
	 * changed)
	 */
	ScalingPolicy update(String queueName, ScalingPolicyChange change, String actor);

	/**
	 * Decides for every queue and acts on each decision that changes something: the
	 * cluster-wide work of one interval.
	 * @return the decisions acted on
	 */
	List<ScalingDecision> run();

}
