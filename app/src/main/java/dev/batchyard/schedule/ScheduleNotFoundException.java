package dev.batchyard.schedule;

/**
 * There is no schedule of this name ({@code SCHEDULE_NOT_FOUND}).
 *
 * @author Batchyard
 */
public class ScheduleNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String name;

	public ScheduleNotFoundException(String name) {
		super("Schedule '" + name + "' does not exist");
		this.name = name;
	}

	/** The name that was looked up. */
	public String name() {
		return this.name;
	}

}
