package dev.batchyard.schedule;

/**
 * A schedule request with a bad argument ({@code INVALID_PARAMETERS}); nothing was
 * changed.
 *
 * @author Batchyard
 */
public class InvalidScheduleException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String argument;

	public InvalidScheduleException(String argument, String message) {
		super(message);
		this.argument = argument;
	}

	/** The name of the bad argument, as the API spells it. */
	public String argument() {
		return this.argument;
	}

}
