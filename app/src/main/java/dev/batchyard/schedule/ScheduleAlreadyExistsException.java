package dev.batchyard.schedule;

/**
 * A schedule with this name exists already ({@code INVALID_PARAMETERS} on argument
 * {@code name}); nothing was changed.
 *
 * @author Batchyard
 */
public class ScheduleAlreadyExistsException extends InvalidScheduleException {

	private static final long serialVersionUID = 1L;

	public ScheduleAlreadyExistsException(String name) {
		super("name", "A schedule named '" + name + "' already exists");
	}

}
