package dev.batchyard.schedule;

/**
 * A cron expression Quartz cannot parse, or one that never fires ({@code INVALID_CRON}).
 * The message carries Quartz's parser message; nothing was changed.
 *
 * @author Batchyard
 */
public class InvalidCronException extends InvalidScheduleException {

	private static final long serialVersionUID = 1L;

	private final String cron;

	public InvalidCronException(String cron, String reason) {
		super("cron", "Invalid cron expression '" + cron + "': " + reason);
		this.cron = cron;
	}

	/** The expression that was refused. */
	public String cron() {
		return this.cron;
	}

}
