package dev.batchyard.scaling;

/**
 * How a queue's workers are scaled: the cluster's total for the queue stays between
 * {@code minWorkers} and {@code maxWorkers}.
 *
 * @param queueName the queue
 * @param minWorkers the fewest workers the cluster runs for the queue, at least 1
 * @param maxWorkers the most, more than {@code minWorkers}, at most 50
 * @param scaleUpThreshold a queue at or past its depth or latency scales up, unless the
 * node is at or past its CPU or memory ceiling
 * @param scaleDownThreshold a queue at or under both its depth and latency scales down; a
 * node at or past its CPU or memory figure scales down a queue that is not past its
 * scale-up thresholds
 * @param cooldownSeconds how long after a change the next change in each direction waits
 * @author Batchyard
 */
public record ScalingPolicy(String queueName, int minWorkers, int maxWorkers, Thresholds scaleUpThreshold,
		Thresholds scaleDownThreshold, Cooldowns cooldownSeconds) {

	/**
	 * One direction's thresholds; a {@code null} one is not used.
	 *
	 * @param queueDepth jobs waiting, more than 0
	 * @param queueLatencyMs how long the oldest ready job has waited, at least 1000 ms
	 * @param cpuPercent the node's CPU use, in percent (0 to 100)
	 * @param memoryPercent the node's heap use, in percent of its maximum (0 to 100)
	 */
	public record Thresholds(Integer queueDepth, Long queueLatencyMs, Double cpuPercent, Double memoryPercent) {

		/**
		 * These thresholds, with the values another sets in place of these.
		 * @param change the values that replace these; its {@code null} ones keep these
		 * @return the merged thresholds
		 */
		public Thresholds with(Thresholds change) {
			if (change == null) {
				return this;
			}
			return new Thresholds(pick(change.queueDepth, this.queueDepth),
					pick(change.queueLatencyMs, this.queueLatencyMs), pick(change.cpuPercent, this.cpuPercent),
					pick(change.memoryPercent, this.memoryPercent));
		}

	}

	/**
	 * The cooldowns of the two directions, in seconds, at least 10 each.
	 *
	 * @param scaleUp after a change, how long before the next scale-up
	 * @param scaleDown after a change, how long before the next scale-down
	 */
	public record Cooldowns(Integer scaleUp, Integer scaleDown) {

		/**
		 * These cooldowns, with the values another sets in place of these.
		 * @param change the values that replace these; its {@code null} ones keep these
		 * @return the merged cooldowns
		 */
		public Cooldowns with(Cooldowns change) {
			return (change != null)
					? new Cooldowns(pick(change.scaleUp, this.scaleUp), pick(change.scaleDown, this.scaleDown)) : this;
		}

	}

	/**
	 * This policy with the values a change sets in place of these.
	 * @param change the change
	 * @return the new policy
	 */
	public ScalingPolicy with(ScalingPolicyChange change) {
		if (change == null) {
			return this;
		}
		return new ScalingPolicy(this.queueName, pick(change.minWorkers(), this.minWorkers),
				pick(change.maxWorkers(), this.maxWorkers), this.scaleUpThreshold.with(change.scaleUpThreshold()),
				this.scaleDownThreshold.with(change.scaleDownThreshold()),
				this.cooldownSeconds.with(change.cooldownSeconds()));
	}

	private static <T> T pick(T value, T otherwise) {
		return (value != null) ? value : otherwise;
	}

}
