package dev.batchyard.scaling;

/**
 * A scaling policy change that breaks a rule; nothing was changed.
 *
 * @author Batchyard
 */
public class InvalidScalingPolicyException extends RuntimeException {

	/** The rule broken, one error code each. */
	public enum Rule {

		/** {@code minWorkers} under 1, or {@code maxWorkers} not above it. */
		INVALID_WORKER_COUNT,

		/** {@code maxWorkers} over the system limit of 50. */
		EXCEEDS_SYSTEM_LIMIT,

		/** A depth not above 0, a latency under 1000 ms, a percentage outside 0..100. */
		INVALID_THRESHOLD,

		/** A cooldown under 10 s. */
		INVALID_COOLDOWN

	}

	private final Rule rule;

	private final String field;

	public InvalidScalingPolicyException(Rule rule, String field, String message) {
		super(message);
		this.rule = rule;
		this.field = field;
	}

	/**
	 * The rule broken; its name is the API's error code.
	 * @return the rule
	 */
	public Rule rule() {
		return this.rule;
	}

	/**
	 * The input field that broke it ({@code maxWorkers},
	 * {@code scaleUpThreshold.queueDepth}).
	 * @return the field
	 */
	public String field() {
		return this.field;
	}

}
