package dev.batchyard.cli.internal;

/**
 * The node could not be reached or did not answer with GraphQL: exit code 1 with one
 * sentence, never a stack trace.
 */
public class UnreachableException extends RuntimeException {

	UnreachableException(String message) {
		super(message);
	}

}
