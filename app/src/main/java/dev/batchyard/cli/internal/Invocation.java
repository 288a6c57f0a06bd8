package dev.batchyard.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of a command: its arguments and options, checked and converted (a bad value is
 * a {@link UsageException}), and the API to send its document to.
 */
final class Invocation {

	private final Command command;

	private final List<String> arguments;

	private final Arguments line;

	private final InputStream in;

	private final Supplier<GraphQlClient> api;

	Invocation(Command command, List<String> arguments, Arguments line, InputStream in, Supplier<GraphQlClient> api) {
		this.command = command;
		this.arguments = arguments;
		this.line = line;
		this.in = in;
		this.api = api;
	}

	static String placeholder(String option) {
		return "<" + option + ">";
	}

	/** The i-th argument (from 0), or null when not given. */
	String argument(int index) {
		return (index < this.arguments.size()) ? this.arguments.get(index) : null;
	}

	String option(String name) {
		return this.line.options().get(name);
	}

	boolean flag(String name) {
		return this.line.flags().contains(name);
	}

	Integer intOption(String name) {
		String value = option(name);
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw bad("--" + name + " must be a whole number, not '" + value + "'");
		}
	}

	Long longOption(String name) {
		String value = option(name);
		if (value == null) {
			return null;
		}
		try {
			return Long.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw bad("--" + name + " must be a whole number, not '" + value + "'");
		}
	}

	Double doubleOption(String name) {
		String value = option(name);
		if (value == null) {
			return null;
		}
		try {
			return Double.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw bad("--" + name + " must be a number, not '" + value + "'");
		}
	}

	/** An option that must be one of the values of a GraphQL enum (any case). */
	String enumOption(String name, String... values) {
		String value = option(name);
		return (value != null) ? oneOf("--" + name, value, values) : null;
	}

	String oneOf(String what, String value, String... values) {
		String upper = value.toUpperCase(Locale.ROOT).replace('-', '_');
		for (String allowed : values) {
			if (allowed.equals(upper)) {
				return allowed;
			}
		}
		throw bad(what + " must be one of " + String.join(", ", values) + ", not '" + value + "'");
	}

	/** JSON text, or with {@code -} JSON read from standard input. */
	JsonNode jsonValue(String what, String text) {
		String source = text.equals("-") ? stdin() : text;
		try {
			return Json.read(source);
		}
		catch (JacksonException ex) {
			throw bad(what + " is not JSON: " + ex.getOriginalMessage());
		}
	}

	private String stdin() {
		try {
			return new String(this.in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	UsageException bad(String message) {
		return new UsageException(message, this.command);
	}

	ObjectNode variables() {
		return Json.object();
	}

	/** Sends a document; returns the answer's data. */
	JsonNode execute(String document, ObjectNode variables) {
		return this.api.get().execute(document, variables);
	}

}
