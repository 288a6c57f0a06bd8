package dev.batchyard.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to a permit request: granted, or denied with the time after which a new
 * request may be granted.
 *
 * @param granted whether the permit was granted
 * @param retryAfter zero when granted; when denied, the earliest time after which the
 * windows that denied could allow a permit again (other callers may take it first)
 * @author Batchyard
 */
public record Permit(boolean granted, Duration retryAfter) {

	private static final Permit GRANTED = new Permit(true, Duration.ZERO);

	public Permit {
		Objects.requireNonNull(retryAfter, "retryAfter");
	}

	/**
	 * A granted permit.
	 * @return the permit
	 */
	public static Permit grant() {
		return GRANTED;
	}

	/**
	 * A denied permit.
	 * @param retryAfter when to ask again
	 * @return the permit
	 */
	public static Permit deny(Duration retryAfter) {
		return new Permit(false, retryAfter.isNegative() ? Duration.ZERO : retryAfter);
	}

}
