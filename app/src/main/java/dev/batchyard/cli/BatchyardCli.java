package dev.batchyard.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

import dev.batchyard.cli.internal.Cli;

/**
 * The {@code batchyard} command: {@code java -cp app.jar dev.batchyard.cli.BatchyardCli
 * queues}, or through the launcher script {@code bin/batchyard}.
 *
 * @author Batchyard
 */
public final class BatchyardCli {

	/** Success. */
	public static final int OK = 0;

	/** An error the API answered with, or a node that could not be reached. */
	public static final int API_ERROR = 1;

	/** An unknown command, or a missing or bad argument. */
	public static final int USAGE = 2;

	private BatchyardCli() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.in, System.out, System.err, System.getenv()));
	}

	/**
	 * Runs one command.
	 * @param args the command line
	 * @param in where {@code -} reads a payload from
	 * @param out where the answer goes
	 * @param err where errors and usage go
	 * @param environment the environment ({@code BATCHYARD_URL} and the credentials)
	 * @return the exit code: {@link #OK}, {@link #API_ERROR} or {@link #USAGE}
	 */
	public static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
			Map<String, String> environment) {
		return new Cli(in, out, err, environment).run(args);
	}

}
