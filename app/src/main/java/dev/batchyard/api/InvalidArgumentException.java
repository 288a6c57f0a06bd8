package dev.batchyard.api;

/**
 * A refused argument of a query or mutation: {@code INVALID_PARAMETERS} with the
 * argument's path in {@code extensions.argument} ({@code limit}, {@code input.dedupeKey},
 * {@code filter.search}), the one name every refusal uses for the bad input.
 *
 * @author Batchyard
 */
class InvalidArgumentException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String argument;

	InvalidArgumentException(String argument, String message) {
		super(message);
		this.argument = argument;
	}

	String argument() {
		return this.argument;
	}

}
