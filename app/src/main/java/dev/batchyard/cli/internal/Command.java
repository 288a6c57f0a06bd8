package dev.batchyard.cli.internal;

import java.util.Set;

/**
 * One command of the tool: the words that select it ({@code queues pause}), what it
 * takes, and what it does.
 *
 * @param words the words that select it
 * @param arguments its arguments as the usage shows them, e.g. {@code <queue>}
 * @param summary one line for the usage
 * @param required how many arguments it needs
 * @param allowed how many arguments it takes at most
 * @param options the options with a value it takes (without {@code --})
 * @param flags the flags it takes (without {@code --})
 * @param action what it does
 */
record Command(String words, String arguments, String summary, int required, int allowed, Set<String> options,
		Set<String> flags, Action action) {

	String usage() {
		StringBuilder usage = new StringBuilder("batchyard ").append(this.words);
		if (!this.arguments.isEmpty()) {
			usage.append(' ').append(this.arguments);
		}
		for (String option : this.options) {
			usage.append(" [--").append(option).append(' ').append(Invocation.placeholder(option)).append(']');
		}
		for (String flag : this.flags) {
			usage.append(" [--").append(flag).append(']');
		}
		return usage.toString();
	}

	/** What a command does with its invocation. */
	@FunctionalInterface
	interface Action {

		Output run(Invocation invocation);

	}

}
