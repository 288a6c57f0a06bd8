package dev.batchyard.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tool decides before it sends anything: a usage error (exit 2, with the
 * command's usage) for every bad command line, checked with a URL where no node listens,
 * so that a request sent by mistake would show as exit 1 instead.
 */
class CliUsageTests {

	private static final Map<String, String> NOWHERE = Map.of("BATCHYARD_URL", "http://127.0.0.1:9",
			"BATCHYARD_PASSWORD", "x");

	@Test
	void everyBadCommandLineIsExitCodeTwoBeforeAnythingIsSent() {
		assertUsage("Unknown command 'nope'", "nope");
		assertUsage("Unknown command 'jobs frobnicate'", "jobs", "frobnicate", "1");
		assertUsage("Give a command", "--json");
		assertUsage("'jobs show' needs <id>", "jobs", "show");
		assertUsage("Unknown command 'stats extra'", "stats", "extra");
		assertUsage("Too many arguments for 'jobs show'", "jobs", "show", "1", "2");
		assertUsage("Unknown option --limit for 'jobs show'", "jobs", "show", "1", "--limit", "5");
		assertUsage("Unknown option --force for 'queues pause'", "queues", "pause", "default", "--force");
		assertUsage("Unknown option -x", "stats", "-x");
		assertUsage("--queue needs a value", "jobs", "--queue");
		assertUsage("--priority must be a whole number, not 'high'", "enqueue", "probe", "--priority", "high");
		assertUsage("The payload is not JSON", "enqueue", "probe", "{\"sleepMs\": }");
		assertUsage("--payload is not JSON", "schedules", "create", "n", "--type", "probe", "--cron", "0 0 3 * * ?",
				"--payload", "[");
		assertUsage("--state must be one of COMPLETED, FAILED, DELAYED, WAITING, not 'active'", "queues", "clean",
				"default", "--state", "active");
		assertUsage("--severity must be one of WARNING, CRITICAL", "alerts", "--severity", "fatal");
		assertUsage("Give --acknowledged or --all, not both", "alerts", "--acknowledged", "--all");
		assertUsage("--up-cpu must be a number", "scale", "default", "--up-cpu", "lots");
		assertUsage("--url must be an http or https URL", "stats", "--url", "localhost:8080");
		assertUsage("--user needs --password", "stats", "--user", "viewer", "--password", "");
	}

	@Test
	void helpListsEveryCommandAndExitsWithZero() {
		Result help = run(new String[] { "--help" }, "");
		assertThat(help.code()).isZero();
		assertThat(help.out()).contains("batchyard stats", "batchyard queues clean <queue> [--state <state>]",
				"batchyard jobs retry-failed <queue>", "batchyard enqueue <type> [<payload JSON> | -]",
				"batchyard schedules create <name>", "batchyard alerts ack <id>", "batchyard scale <queue>",
				"BATCHYARD_URL", "BATCHYARD_TOKEN");
		Result one = run(new String[] { "jobs", "show", "--help" }, "");
		assertThat(one.code()).isZero();
		assertThat(one.out()).startsWith("usage: batchyard jobs show <id>");
	}

	@Test
	void aPayloadFromStandardInputThatIsNotJsonIsAUsageError() {
		Result result = run(new String[] { "enqueue", "probe", "-" }, "sleepMs=5");
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("The payload is not JSON");
	}

	private static void assertUsage(String message, String... args) {
		Result result = run(args, "");
		assertThat(result.code()).as("exit code of %s: %s", String.join(" ", args), result.err()).isEqualTo(2);
		assertThat(result.err()).contains(message).contains("usage: batchyard");
		assertThat(result.out()).isEmpty();
	}

	private static Result run(String[] args, String stdin) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = BatchyardCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
				NOWHERE);
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private record Result(int code, String out, String err) {
	}

}
