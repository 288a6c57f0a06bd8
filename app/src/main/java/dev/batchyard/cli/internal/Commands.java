package dev.batchyard.cli.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every command of the tool, in the order the usage lists them, and the small helpers the
 * command groups share.
 */
final class Commands {

	private Commands() {
	}

	static List<Command> all() {
		List<Command> all = new ArrayList<>();
		all.addAll(StatsCommands.all());
		all.addAll(QueueCommands.all());
		all.addAll(JobCommands.all());
		all.addAll(ScheduleCommands.all());
		all.addAll(AlertCommands.all());
		return List.copyOf(all);
	}

	static Command command(String words, String arguments, int required, int allowed, String summary,
			List<String> options, List<String> flags, Command.Action action) {
		return new Command(words, arguments, summary, required, allowed, ordered(options), ordered(flags), action);
	}

	private static Set<String> ordered(List<String> names) {
		return Collections.unmodifiableSet(new LinkedHashSet<>(names));
	}

	/** Sets a variable when the value was given. */
	static ObjectNode set(ObjectNode node, String name, Object value) {
		switch (value) {
			case null -> {
			}
			case String text -> node.put(name, text);
			case Integer number -> node.put(name, number.intValue());
			case Long number -> node.put(name, number.longValue());
			case Double number -> node.put(name, number.doubleValue());
			case Boolean bool -> node.put(name, bool.booleanValue());
			case JsonNode json -> node.set(name, json);
			default -> throw new IllegalArgumentException("Not a GraphQL value: " + value.getClass());
		}
		return node;
	}

	/** A required option, named in the usage error when missing. */
	static String required(Invocation invocation, String option) {
		String value = invocation.option(option);
		if (value == null) {
			throw invocation.bad("--" + option + " is required.");
		}
		return value;
	}

}
