package dev.batchyard.engine;

/**
 * An enqueue or control request with a bad argument; nothing was changed.
 *
 * @author Batchyard
 */
public class InvalidJobRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String argument;

	public InvalidJobRequestException(String argument, String message) {
		super(message);
		this.argument = argument;
	}

	/** The name of the bad argument, as the API spells it. */
	public String argument() {
		return this.argument;
	}

}
