package dev.batchyard.cli.internal;

/**
 * An error the node answered with: the first GraphQL error's {@code extensions.code} and
 * message. Exit code 1.
 */
public class ApiException extends RuntimeException {

	private final String code;

	ApiException(String code, String message) {
		super(message);
		this.code = code;
	}

	/** The error code, such as {@code QUEUE_NOT_FOUND}. */
	public String code() {
		return this.code;
	}

}
