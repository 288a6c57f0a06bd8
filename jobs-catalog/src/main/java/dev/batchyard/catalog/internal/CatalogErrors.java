package dev.batchyard.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.batchyard.catalog.InvalidCatalogException;

/**
 * Collects every problem of a catalog configuration, so the boot reports them all at
 * once. A problem of a shared property ({@code defaults}, {@code tiers.<tier>}) that
 * shows in many queues is reported once, listing the queues.
 *
 * @author Batchyard
 */
final class CatalogErrors {

	private final Map<String, Set<String>> problems = new LinkedHashMap<>();

	private final Map<String, String> paths = new LinkedHashMap<>();

	private final Function<String, String> origins;

	/**
	 * Collect problems.
	 * @param origins where a property's value came from (e.g. {@code "environment
	 * variable WORKER_CONCURRENCY_EMAIL"}), or {@code null} when unknown
	 */
	CatalogErrors(Function<String, String> origins) {
		this.origins = origins;
	}

	/**
	 * Report that a property breaks a rule.
	 * @param path the full property path
	 * @param rule what the value must be, e.g. {@code "be at most 50"}
	 * @param was the bad value
	 */
	void reject(String path, String rule, Object was) {
		problem(path, rule, was);
	}

	/**
	 * Report that a property breaks a rule for one queue.
	 * @param path the full property path
	 * @param rule what the value must be
	 * @param was the bad value
	 * @param queue the queue whose value it is; named unless the path is the queue's own
	 */
	void reject(String path, String rule, Object was, String queue) {
		Set<String> queues = problem(path, rule, was);
		if (!path.startsWith(CatalogResolver.QUEUES_PREFIX)) {
			queues.add(queue);
		}
	}

	private Set<String> problem(String path, String rule, Object was) {
		String message = message(path, rule, was);
		this.paths.putIfAbsent(message, path);
		return this.problems.computeIfAbsent(message, (key) -> new TreeSet<>());
	}

	boolean isEmpty() {
		return this.problems.isEmpty();
	}

	List<String> messages() {
		List<String> messages = new ArrayList<>();
		this.problems.forEach((message, queues) -> {
			String origin = origin(this.paths.get(message));
			messages.add(message + (queues.isEmpty() ? "" : " for queues " + String.join(", ", queues))
					+ ((origin != null) ? " [from " + origin + "]" : ""));
		});
		return messages;
	}

	void throwIfAny() {
		if (!isEmpty()) {
			throw new InvalidCatalogException(messages());
		}
	}

	private String origin(String path) {
		try {
			return (this.origins != null) ? this.origins.apply(path) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String message(String path, String rule, Object was) {
		return path + " must " + rule + " (was " + CatalogResolver.format(was) + ")";
	}

}
