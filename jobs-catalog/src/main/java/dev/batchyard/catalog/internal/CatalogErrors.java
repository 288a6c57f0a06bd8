package dev.batchyard.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

	/**
	 * Report that a property breaks a rule.
	 * @param path the full property path
	 * @param rule what the value must be, e.g. {@code "be at most 50"}
	 * @param was the bad value
	 */
	void reject(String path, String rule, Object was) {
		this.problems.computeIfAbsent(message(path, rule, was), (key) -> new TreeSet<>());
	}

	/**
	 * Report that a property breaks a rule for one queue.
	 * @param path the full property path
	 * @param rule what the value must be
	 * @param was the bad value
	 * @param queue the queue whose value it is; named unless the path is the queue's own
	 */
	void reject(String path, String rule, Object was, String queue) {
		Set<String> queues = this.problems.computeIfAbsent(message(path, rule, was), (key) -> new TreeSet<>());
		if (!path.startsWith(CatalogResolver.QUEUES_PREFIX)) {
			queues.add(queue);
		}
	}

	boolean isEmpty() {
		return this.problems.isEmpty();
	}

	List<String> messages() {
		List<String> messages = new ArrayList<>();
		this.problems.forEach((message, queues) -> messages
			.add(queues.isEmpty() ? message : message + " for queues " + String.join(", ", queues)));
		return messages;
	}

	void throwIfAny() {
		if (!isEmpty()) {
			throw new InvalidCatalogException(messages());
		}
	}

	private static String message(String path, String rule, Object was) {
		return path + " must " + rule + " (was " + CatalogResolver.format(was) + ")";
	}

}
