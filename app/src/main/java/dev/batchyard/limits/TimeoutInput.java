package dev.batchyard.limits;

/**
 * An admin's change to a queue's timeout policy: the values given replace the effective
 * ones, the {@code null} ones stay as they are.
 *
 * @param timeout the new hard timeout in milliseconds (1000 to 7200000), or {@code null}
 * @param adaptiveEnabled whether the effective timeout follows the recent P95 (cannot be
 * false on a CRITICAL queue), or {@code null}
 * @param softTimeoutPercentage the new soft warning point in percent of the effective
 * timeout (1 to 100), or {@code null}
 * @author Batchyard
 */
public record TimeoutInput(Long timeout, Boolean adaptiveEnabled, Integer softTimeoutPercentage) {

	/**
	 * Whether the input changes nothing.
	 * @return true when every value is {@code null}
	 */
	public boolean isEmpty() {
		return this.timeout == null && this.adaptiveEnabled == null && this.softTimeoutPercentage == null;
	}

}
