package dev.batchyard.catalog.http;

/**
 * A response whose status is worth another attempt (a 503, say) without a
 * {@code Retry-After}: the job's backoff decides when.
 *
 * @author Batchyard
 */
public class HttpStatusRetryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	HttpStatusRetryException(String message) {
		super(message);
	}

}
