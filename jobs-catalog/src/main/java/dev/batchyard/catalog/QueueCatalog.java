package dev.batchyard.catalog;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.batchyard.catalog.internal.BuiltInCatalog;
import dev.batchyard.catalog.internal.CatalogResolver;

/**
 * The queues and rate limits Batchyard runs with, as configured at startup: the built-in
 * catalog with the {@link CatalogProperties overrides} applied and validated. Immutable;
 * runtime tuning is the app's business.
 *
 * @author Batchyard
 */
public final class QueueCatalog {

	private static final Comparator<QueueDefinition> TIER_THEN_NAME = Comparator.comparing(QueueDefinition::tier)
		.thenComparing(QueueDefinition::name);

	private final List<QueueDefinition> queues;

	private final Map<String, QueueDefinition> queuesByName;

	private final List<RateLimitDefinition> rateLimits;

	private final Map<String, RateLimitDefinition> rateLimitsByName;

	private QueueCatalog(List<QueueDefinition> queues, List<RateLimitDefinition> rateLimits) {
		this.queues = queues.stream().sorted(TIER_THEN_NAME).toList();
		this.queuesByName = index(this.queues, QueueDefinition::name, "queue");
		this.rateLimits = rateLimits.stream().sorted(Comparator.comparing(RateLimitDefinition::name)).toList();
		this.rateLimitsByName = index(this.rateLimits, RateLimitDefinition::name, "rate limit");
	}

	/**
	 * A catalog of the given definitions, as they are (no validation beyond unique
	 * names).
	 * @param queues the queues
	 * @param rateLimits the rate limits
	 * @return the catalog
	 */
	public static QueueCatalog of(List<QueueDefinition> queues, List<RateLimitDefinition> rateLimits) {
		return new QueueCatalog(queues, rateLimits);
	}

	/**
	 * The built-in catalog without any overrides.
	 * @return the catalog
	 */
	public static QueueCatalog builtIn() {
		return of(BuiltInCatalog.queues(), BuiltInCatalog.rateLimits());
	}

	/**
	 * The built-in catalog with the given overrides applied.
	 * @param properties the overrides
	 * @return the catalog
	 * @throws InvalidCatalogException listing every invalid value
	 */
	public static QueueCatalog from(CatalogProperties properties) {
		return from(properties, null);
	}

	static QueueCatalog from(CatalogProperties properties, Function<String, String> origins) {
		CatalogResolver.Result result = CatalogResolver.resolve(properties, origins);
		return of(result.queues(), result.rateLimits());
	}

	/**
	 * All queues, by tier, then by name.
	 * @return the queues
	 */
	public List<QueueDefinition> queues() {
		return this.queues;
	}

	/**
	 * Find a queue.
	 * @param name the queue name
	 * @return the queue, or empty
	 */
	public Optional<QueueDefinition> find(String name) {
		return Optional.ofNullable(this.queuesByName.get(name));
	}

	/**
	 * Get a queue that must exist.
	 * @param name the queue name
	 * @return the queue
	 * @throws QueueNotFoundException when there is no such queue
	 */
	public QueueDefinition get(String name) {
		return find(name).orElseThrow(() -> new QueueNotFoundException(name));
	}

	/**
	 * All rate limits, by name.
	 * @return the rate limits
	 */
	public List<RateLimitDefinition> rateLimits() {
		return this.rateLimits;
	}

	/**
	 * Find a rate limit.
	 * @param name the rate limit name, for example {@code emailSending}
	 * @return the rate limit, or empty
	 */
	public Optional<RateLimitDefinition> findRateLimit(String name) {
		return Optional.ofNullable(this.rateLimitsByName.get(name));
	}

	@Override
	public String toString() {
		return "QueueCatalog" + this.queuesByName.keySet();
	}

	private static <T> Map<String, T> index(List<T> values, Function<T, String> name, String kind) {
		Map<String, T> index = new LinkedHashMap<>();
		for (T value : values) {
			if (index.put(name.apply(value), value) != null) {
				throw new IllegalArgumentException("Duplicate " + kind + " '" + name.apply(value) + "'");
			}
		}
		return Map.copyOf(index);
	}

}
