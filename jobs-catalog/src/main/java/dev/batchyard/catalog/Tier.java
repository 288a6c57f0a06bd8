package dev.batchyard.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The priority tier of a queue. A lower {@link #priority()} runs first.
 *
 * @author Batchyard
 */
public enum Tier {

	/** User-facing and money-moving work: password resets, payments. */
	CRITICAL(1),

	/** Work a user is waiting for soon: scheduled emails, realtime indexing. */
	HIGH(3),

	/** The everyday lane. */
	NORMAL(5),

	/** Maintenance that may lag behind by minutes. */
	LOW(7),

	/** Cleanups and full rebuilds that run when nothing else does. */
	BACKGROUND(10);

	private final int priority;

	Tier(int priority) {
		this.priority = priority;
	}

	/**
	 * The priority of this tier; lower runs first.
	 * @return the priority, 1 for {@link #CRITICAL} to 10 for {@link #BACKGROUND}
	 */
	public int priority() {
		return this.priority;
	}

	/**
	 * Find a tier by name, ignoring case.
	 * @param name the name, for example {@code "critical"}
	 * @return the tier, or empty when the name is no tier
	 */
	public static Optional<Tier> parse(String name) {
		if (name == null) {
			return Optional.empty();
		}
		String upper = name.trim().toUpperCase(Locale.ROOT);
		return Arrays.stream(values()).filter((tier) -> tier.name().equals(upper)).findFirst();
	}

	/**
	 * The allowed names, for error messages.
	 * @return {@code "CRITICAL, HIGH, NORMAL, LOW, BACKGROUND"}
	 */
	public static String allowedNames() {
		return Arrays.stream(values()).map(Tier::name).collect(Collectors.joining(", "));
	}

}
