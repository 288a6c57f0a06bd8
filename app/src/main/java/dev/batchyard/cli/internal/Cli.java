package dev.batchyard.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a command line, runs its command and turns the outcome into output and an exit
 * code: 0 success, 1 an API error or an unreachable node, 2 a usage error.
 */
public final class Cli {

	private static final Set<String> GLOBAL_OPTIONS = Set.of("url", "user", "password", "token");

	private static final Set<String> GLOBAL_FLAGS = Set.of("json", "help");

	private static final String DEFAULT_URL = "http://localhost:8080";

	private final InputStream in;

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	private final List<Command> commands = Commands.all();

	public Cli(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
		this.in = in;
		this.out = out;
		this.err = err;
		this.environment = environment;
	}

	public int run(String[] args) {
		Command command = null;
		try {
			Arguments line = Arguments.parse(args, valueOptions());
			if (line.words().isEmpty()) {
				if (line.flags().contains("help")) {
					this.out.print(usage());
					return 0;
				}
				throw new UsageException("Give a command.");
			}
			command = resolve(line.words());
			if (line.flags().contains("help")) {
				this.out.println("usage: " + command.usage());
				this.out.println("  " + command.summary());
				return 0;
			}
			check(command, line);
			List<String> arguments = line.words().subList(command.words().split(" ").length, line.words().size());
			Invocation invocation = new Invocation(command, arguments, line, this.in, () -> client(line));
			Output output = command.action().run(invocation);
			if (line.flags().contains("json")) {
				this.out.println(Json.write(output.data(), true));
			}
			else {
				this.out.print(output.text().endsWith("\n") ? output.text() : output.text() + "\n");
			}
			return 0;
		}
		catch (UsageException ex) {
			this.err.println("batchyard: " + ex.getMessage());
			Command about = (ex.command() != null) ? ex.command() : command;
			this.err.print((about != null) ? "usage: " + about.usage() + "\n" : usage());
			return 2;
		}
		catch (ApiException ex) {
			this.err.println(ex.code() + ": " + ex.getMessage());
			return 1;
		}
		catch (UnreachableException | UncheckedIOException ex) {
			this.err.println("batchyard: " + ex.getMessage());
			return 1;
		}
	}

	private Set<String> valueOptions() {
		Set<String> options = new HashSet<>(GLOBAL_OPTIONS);
		this.commands.forEach((command) -> options.addAll(command.options()));
		return options;
	}

	/** The command its first two words name, else its first word names. */
	private Command resolve(List<String> words) {
		String one = words.get(0);
		String two = (words.size() > 1) ? one + " " + words.get(1) : null;
		Command single = null;
		for (Command command : this.commands) {
			if (command.words().equals(two)) {
				return command;
			}
			if (command.words().equals(one)) {
				single = command;
			}
		}
		if (single == null) {
			throw new UsageException("Unknown command '" + String.join(" ", words) + "'.");
		}
		return single;
	}

	private void check(Command command, Arguments line) {
		for (String option : line.options().keySet()) {
			if (!GLOBAL_OPTIONS.contains(option) && !command.options().contains(option)) {
				throw new UsageException("Unknown option --" + option + " for '" + command.words() + "'.", command);
			}
		}
		for (String flag : line.flags()) {
			if (!GLOBAL_FLAGS.contains(flag) && !command.flags().contains(flag)) {
				throw new UsageException("Unknown option --" + flag + " for '" + command.words() + "'.", command);
			}
		}
		int given = line.words().size() - command.words().split(" ").length;
		if (given < command.required()) {
			throw new UsageException("'" + command.words() + "' needs " + command.arguments() + ".", command);
		}
		if (given > 0 && command.allowed() == 0) {
			String unknown = String.join(" ", line.words().subList(0, line.words().size() - given + 1));
			throw new UsageException("Unknown command '" + unknown + "'.", command);
		}
		if (given > command.allowed()) {
			throw new UsageException("Too many arguments for '" + command.words() + "'.", command);
		}
	}

	private GraphQlClient client(Arguments line) {
		String url = setting(line, "url", "BATCHYARD_URL");
		String token = setting(line, "token", "BATCHYARD_TOKEN");
		String user = setting(line, "user", "BATCHYARD_USER");
		String password = setting(line, "password", "BATCHYARD_PASSWORD");
		String authorization = null;
		if (token != null) {
			authorization = "Bearer " + token;
		}
		else if (password != null) {
			authorization = GraphQlClient.basic((user != null) ? user : "admin", password);
		}
		else if (user != null) {
			throw new UsageException("--user needs --password (or BATCHYARD_PASSWORD).");
		}
		return new GraphQlClient(GraphQlClient.endpoint((url != null) ? url : DEFAULT_URL), authorization);
	}

	private String setting(Arguments line, String option, String variable) {
		String value = line.options().get(option);
		if (value == null) {
			value = this.environment.get(variable);
		}
		return (value == null || value.isEmpty()) ? null : value;
	}

	private String usage() {
		StringBuilder usage = new StringBuilder(
				"""
						usage: batchyard <command> [arguments] [--json] [--url <url>] [--user <user>] [--password <password>] [--token <token>]

						Talks to a running Batchyard node's GraphQL API. The URL and credentials come from the flags
						or from BATCHYARD_URL (default http://localhost:8080), BATCHYARD_USER (default admin),
						BATCHYARD_PASSWORD and BATCHYARD_TOKEN (an API token, instead of a user).
						Output is a table; --json prints the data of the answer. Exit codes: 0 success,
						1 an API error (its code and message on stderr) or an unreachable node, 2 a usage error.

						commands:
						""");
		for (Command command : this.commands) {
			usage.append("  ").append(command.usage()).append("\n      ").append(command.summary()).append('\n');
		}
		return usage.toString();
	}

}
