package dev.batchyard.limits;

/**
 * A rate limit change that cannot be applied; nothing was changed.
 *
 * @author Batchyard
 */
public class InvalidRateLimitException extends RuntimeException {

	private final String field;

	public InvalidRateLimitException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The input field at fault, for example {@code perSecond}.
	 * @return the field name
	 */
	public String getField() {
		return this.field;
	}

}
