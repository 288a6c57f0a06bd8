package dev.batchyard.catalog.spi;

/**
 * Thrown (or found as a cause) by a job type when retrying cannot help, such as an HTTP
 * 4xx answer: the job fails at once, whatever attempts it has left.
 *
 * @author Batchyard
 */
public class NonRetryableJobException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public NonRetryableJobException(String message) {
		super(message);
	}

	public NonRetryableJobException(String message, Throwable cause) {
		super(message, cause);
	}

}
