package dev.batchyard.limits;

/**
 * A timeout change that cannot be applied (error code {@code INVALID_TIMEOUT}); nothing
 * was changed.
 *
 * @author Batchyard
 */
public class InvalidTimeoutException extends RuntimeException {

	private final String field;

	public InvalidTimeoutException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The input field at fault, for example {@code timeout}.
	 * @return the field name
	 */
	public String getField() {
		return this.field;
	}

}
