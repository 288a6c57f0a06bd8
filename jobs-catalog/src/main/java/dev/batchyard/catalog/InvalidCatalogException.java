package dev.batchyard.catalog;

import java.util.List;

/**
 * Thrown at startup when the catalog configuration is invalid. Carries every problem
 * found, each naming the property, the rule and the bad value.
 *
 * @author Batchyard
 */
public class InvalidCatalogException extends RuntimeException {

	private final List<String> errors;

	public InvalidCatalogException(List<String> errors) {
		super(message("The Batchyard queue catalog configuration is invalid", errors));
		this.errors = List.copyOf(errors);
	}

	protected InvalidCatalogException(String summary, List<String> errors) {
		super(message(summary, errors));
		this.errors = List.copyOf(errors);
	}

	/**
	 * Every problem found, one sentence each.
	 * @return the problems
	 */
	public List<String> errors() {
		return this.errors;
	}

	private static String message(String summary, List<String> errors) {
		return summary + ":\n - " + String.join("\n - ", errors);
	}

}
