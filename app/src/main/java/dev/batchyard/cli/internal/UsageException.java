package dev.batchyard.cli.internal;

/**
 * A command line the tool cannot run: an unknown command or option, a missing or bad
 * argument. Exit code 2, with the command's usage.
 */
public class UsageException extends RuntimeException {

	private final Command command;

	UsageException(String message) {
		this(message, null);
	}

	UsageException(String message, Command command) {
		super(message);
		this.command = command;
	}

	/** The command whose usage to print, or null for the general usage. */
	Command command() {
		return this.command;
	}

}
