package dev.batchyard.catalog.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.batchyard.catalog.AlertThreshold;
import dev.batchyard.catalog.AlertThresholds;
import dev.batchyard.catalog.Backoff;
import dev.batchyard.catalog.BackoffType;
import dev.batchyard.catalog.CatalogProperties;
import dev.batchyard.catalog.CatalogProperties.BackoffOverrides;
import dev.batchyard.catalog.CatalogProperties.QueueOverrides;
import dev.batchyard.catalog.CatalogProperties.RateLimitOverrides;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.catalog.RateLimitAlgorithm;
import dev.batchyard.catalog.RateLimitDefinition;
import dev.batchyard.catalog.RetryPolicy;
import dev.batchyard.catalog.Tier;
import dev.batchyard.catalog.internal.BuiltInCatalog.BuiltInQueue;
import dev.batchyard.catalog.internal.BuiltInCatalog.TierDefaults;

/**
 * Applies {@link CatalogProperties} to the {@link BuiltInCatalog} and validates the
 * result. Every field of a queue comes from the first layer that sets it:
 * {@code queues.<name>}, {@code tiers.<tier>}, {@code defaults}, the built-in queue, the
 * built-in tier. A rule broken by two fields (say {@code concurrency} above
 * {@code max-workers}) is reported against the more specific of the two properties.
 *
 * @author Batchyard
 */
public final class CatalogResolver {

	static final String PREFIX = "batchyard.catalog.";

	static final String QUEUES_PREFIX = PREFIX + "queues.";

	/** The largest pool any queue may have. */
	public static final int MAX_WORKERS_LIMIT = 50;

	/** The shortest timeout. */
	public static final Duration MIN_TIMEOUT = Duration.ofMillis(1000);

	/** The longest timeout. */
	public static final Duration MAX_TIMEOUT = Duration.ofMillis(7_200_000);

	/**
	 * The default concurrency of a queue added by configuration, capped by its tier's
	 * max.
	 */
	static final int ADDED_QUEUE_CONCURRENCY = 5;

	private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	/**
	 * The resolved definitions.
	 *
	 * @param queues the queues
	 * @param rateLimits the rate limits
	 */
	public record Result(List<QueueDefinition> queues, List<RateLimitDefinition> rateLimits) {
	}

	/** A layer of overrides and the property path it is bound from. */
	private record Layer(String path, QueueOverrides overrides) {
	}

	/** A value and where it came from; {@code rank} 0 is the most specific layer. */
	private record Sourced<T>(T value, String path, int rank) {
	}

	private final CatalogErrors errors;

	private final Map<String, RateLimitDefinition> rateLimitsByKey = new LinkedHashMap<>();

	private CatalogResolver(Function<String, String> origins) {
		this.errors = new CatalogErrors(origins);
	}

	/**
	 * Resolve and validate.
	 * @param properties the overrides
	 * @return the definitions
	 * @throws dev.batchyard.catalog.InvalidCatalogException listing every problem
	 */
	public static Result resolve(CatalogProperties properties) {
		return resolve(properties, null);
	}

	/**
	 * Resolve and validate, naming where a bad value came from.
	 * @param properties the overrides
	 * @param origins the origin of a property path's value (a file and line, an
	 * environment variable), {@code null} when unknown; may be {@code null}
	 * @return the definitions
	 * @throws dev.batchyard.catalog.InvalidCatalogException listing every problem
	 */
	public static Result resolve(CatalogProperties properties, Function<String, String> origins) {
		return new CatalogResolver(origins).doResolve(properties);
	}

	private Result doResolve(CatalogProperties properties) {
		List<RateLimitDefinition> rateLimits = resolveRateLimits(properties.rateLimits());
		Layer defaults = new Layer(PREFIX + "defaults", properties.defaults());
		rejectTier(defaults);
		Map<Tier, Layer> tiers = tierLayers(properties.tiers());
		Map<String, List<Layer>> queueLayers = new LinkedHashMap<>();
		Map<String, BuiltInQueue> builtIns = new LinkedHashMap<>();
		BuiltInCatalog.builtInQueues().forEach((queue) -> builtIns.put(normalize(queue.name()), queue));
		new TreeMap<>(properties.queues()).forEach((key, overrides) -> {
			BuiltInQueue builtIn = builtIns.get(normalize(key));
			String name = (builtIn != null) ? builtIn.name() : key;
			queueLayers.computeIfAbsent(name, (n) -> new ArrayList<>()).add(new Layer(QUEUES_PREFIX + key, overrides));
		});
		List<QueueDefinition> queues = new ArrayList<>();
		for (BuiltInQueue builtIn : BuiltInCatalog.builtInQueues()) {
			List<Layer> own = queueLayers.getOrDefault(builtIn.name(), List.of());
			tierOf(own, builtIn.tier(), builtIn.name())
				.flatMap((tier) -> resolveQueue(builtIn, tier, layers(own, tiers.get(tier), defaults)))
				.ifPresent(queues::add);
		}
		queueLayers.forEach((name, own) -> {
			if (builtIns.containsKey(normalize(name))) {
				return;
			}
			String path = own.get(0).path();
			if (!KEBAB.matcher(name).matches()) {
				this.errors.reject(path, "be a lowercase kebab-case queue name like email-campaigns", name);
				return;
			}
			tierOf(own, null, name).ifPresent((tier) -> {
				TierDefaults tierDefaults = BuiltInCatalog.tier(tier);
				BuiltInQueue added = new BuiltInQueue(name, tier,
						Math.min(ADDED_QUEUE_CONCURRENCY, tierDefaults.maxWorkers()), null, null, List.of());
				resolveQueue(added, tier, layers(own, tiers.get(tier), defaults)).ifPresent(queues::add);
			});
		});
		this.errors.throwIfAny();
		return new Result(queues, rateLimits);
	}

	private static List<Layer> layers(List<Layer> own, Layer tier, Layer defaults) {
		List<Layer> layers = new ArrayList<>(own);
		if (tier != null) {
			layers.add(tier);
		}
		layers.add(defaults);
		return layers;
	}

	private Optional<Tier> tierOf(List<Layer> own, Tier builtIn, String name) {
		for (Layer layer : own) {
			String tier = layer.overrides().tier();
			if (tier != null) {
				Optional<Tier> parsed = Tier.parse(tier);
				if (parsed.isEmpty()) {
					this.errors.reject(layer.path() + ".tier", "be one of " + Tier.allowedNames(), tier);
				}
				return parsed;
			}
		}
		if (builtIn == null) {
			this.errors.reject(own.get(0).path() + ".tier",
					"be set for a queue that is not built in, to one of " + Tier.allowedNames(), null);
		}
		return Optional.ofNullable(builtIn);
	}

	private void rejectTier(Layer layer) {
		if (layer.overrides().tier() != null) {
			this.errors.reject(layer.path() + ".tier",
					"not be set (set the tier of one queue under " + QUEUES_PREFIX + "<name>.tier)",
					layer.overrides().tier());
		}
	}

	private Map<Tier, Layer> tierLayers(Map<String, QueueOverrides> tiers) {
		Map<Tier, Layer> layers = new EnumMap<>(Tier.class);
		new TreeMap<>(tiers).forEach((key, overrides) -> {
			Layer layer = new Layer(PREFIX + "tiers." + key, overrides);
			Optional<Tier> tier = Tier.parse(key);
			if (tier.isEmpty()) {
				this.errors.reject(layer.path(), "be keyed by a tier, one of " + Tier.allowedNames(), key);
				return;
			}
			rejectTier(layer);
			layers.putIfAbsent(tier.get(), layer);
		});
		return layers;
	}

	private Optional<QueueDefinition> resolveQueue(BuiltInQueue builtIn, Tier tier, List<Layer> layers) {
		String queue = builtIn.name();
		TierDefaults tierDefaults = BuiltInCatalog.tier(tier);
		Sourced<Integer> concurrency = pick(layers, "concurrency", QueueOverrides::concurrency, builtIn.concurrency());
		Sourced<Integer> minWorkers = pick(layers, "min-workers", QueueOverrides::minWorkers,
				tierDefaults.minWorkers());
		Sourced<Integer> maxWorkers = pick(layers, "max-workers", QueueOverrides::maxWorkers, null);
		if (maxWorkers.value() == null) {
			maxWorkers = new Sourced<>(BuiltInCatalog.maxWorkers(tierDefaults.maxWorkers(), concurrency.value()),
					concurrency.path(), concurrency.rank());
		}
		Sourced<Duration> timeout = pick(layers, "timeout", QueueOverrides::timeout,
				(builtIn.timeout() != null) ? builtIn.timeout() : tierDefaults.timeout());
		Sourced<Integer> memory = pick(layers, "memory-budget-mb", QueueOverrides::memoryBudgetMb,
				(builtIn.memoryBudgetMb() != null) ? builtIn.memoryBudgetMb()
						: BuiltInCatalog.DEFAULT_MEMORY_BUDGET_MB);
		Sourced<List<String>> limiters = pick(layers, "limiters", QueueOverrides::limiters, builtIn.limiters());
		Sourced<Integer> maxAttempts = pick(layers, "max-attempts", QueueOverrides::maxAttempts,
				tierDefaults.retryPolicy().maxAttempts());
		checkWorkers(queue, concurrency, minWorkers, maxWorkers);
		if (timeout.value().compareTo(MIN_TIMEOUT) < 0 || timeout.value().compareTo(MAX_TIMEOUT) > 0) {
			reject(timeout, "be between " + format(MIN_TIMEOUT) + " and " + format(MAX_TIMEOUT), queue);
		}
		if (memory.value() < 1) {
			reject(memory, "be at least 1", queue);
		}
		if (maxAttempts.value() < 1) {
			reject(maxAttempts, "be at least 1", queue);
		}
		List<String> limiterNames = resolveLimiters(limiters, queue);
		Backoff backoff = resolveBackoff(layers, tierDefaults.retryPolicy().backoff(), queue);
		if (backoff == null) {
			return Optional.empty();
		}
		AlertThresholds alerts = resolveAlerts(layers, queue);
		return Optional.of(new QueueDefinition(queue, tier, concurrency.value(), minWorkers.value(), maxWorkers.value(),
				timeout.value(), memory.value(), limiterNames, new RetryPolicy(maxAttempts.value(), backoff), alerts));
	}

	private void checkWorkers(String queue, Sourced<Integer> concurrency, Sourced<Integer> min, Sourced<Integer> max) {
		boolean valid = true;
		if (min.value() < 1) {
			reject(min, "be at least 1", queue);
			valid = false;
		}
		if (max.value() > MAX_WORKERS_LIMIT) {
			reject(max, "be at most " + MAX_WORKERS_LIMIT, queue);
			valid = false;
		}
		if (!valid) {
			return;
		}
		if (max.value() <= min.value()) {
			if (max.rank() <= min.rank()) {
				reject(max, "be greater than min-workers " + min.value(), queue);
			}
			else {
				reject(min, "be less than max-workers " + max.value(), queue);
			}
			return;
		}
		if (concurrency.value() < min.value()) {
			if (concurrency.rank() <= min.rank()) {
				reject(concurrency, "be at least min-workers " + min.value(), queue);
			}
			else {
				reject(min, "be at most concurrency " + concurrency.value(), queue);
			}
		}
		if (concurrency.value() > max.value()) {
			if (concurrency.rank() <= max.rank()) {
				reject(concurrency, "be at most max-workers " + max.value(), queue);
			}
			else {
				reject(max, "be at least concurrency " + concurrency.value(), queue);
			}
		}
	}

	private AlertThresholds resolveAlerts(List<Layer> layers, String queue) {
		return new AlertThresholds(resolveAlert(layers, "queue-depth", (a) -> a.queueDepth(), queue),
				resolveAlert(layers, "error-rate", (a) -> a.errorRate(), queue),
				resolveAlert(layers, "timeout-rate", (a) -> a.timeoutRate(), queue),
				resolveAlert(layers, "processing-time", (a) -> a.processingTime(), queue),
				resolveAlert(layers, "memory-usage", (a) -> a.memoryUsage(), queue));
	}

	/**
	 * One alert type's thresholds, each value from the first layer that sets it; both
	 * positive, the warning not above the critical one.
	 */
	private AlertThreshold resolveAlert(List<Layer> layers, String type,
			Function<AlertThresholds, AlertThreshold> threshold, String queue) {
		String path = "alerts." + type;
		Sourced<Double> warning = pick(layers, path + ".warning", (o) -> value(threshold.apply(o.alerts()), true),
				null);
		Sourced<Double> critical = pick(layers, path + ".critical", (o) -> value(threshold.apply(o.alerts()), false),
				null);
		boolean valid = true;
		for (Sourced<Double> value : List.of(warning, critical)) {
			if (value.value() != null && !(value.value() > 0)) {
				reject(value, "be greater than 0", queue);
				valid = false;
			}
		}
		if (valid && warning.value() != null && critical.value() != null && warning.value() > critical.value()) {
			Sourced<Double> blamed = (warning.rank() <= critical.rank()) ? warning : critical;
			reject(blamed, (blamed == warning) ? "not be above " + path + ".critical " + critical.value()
					: "not be below " + path + ".warning " + warning.value(), queue);
		}
		if (warning.value() == null && critical.value() == null) {
			return null;
		}
		return new AlertThreshold(warning.value(), critical.value());
	}

	private static Double value(AlertThreshold threshold, boolean warning) {
		if (threshold == null) {
			return null;
		}
		return warning ? threshold.warning() : threshold.critical();
	}

	private List<String> resolveLimiters(Sourced<List<String>> limiters, String queue) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < limiters.value().size(); i++) {
			String limiter = limiters.value().get(i);
			RateLimitDefinition definition = (limiter != null) ? this.rateLimitsByKey.get(normalize(limiter)) : null;
			if (definition == null) {
				this.errors.reject(limiters.path() + "[" + i + "]",
						"name a defined rate limit, one of " + String.join(", ", definedRateLimits()), limiter, queue);
			}
			else if (!names.contains(definition.name())) {
				names.add(definition.name());
			}
		}
		return names;
	}

	private List<String> definedRateLimits() {
		return this.rateLimitsByKey.values().stream().map(RateLimitDefinition::name).sorted().toList();
	}

	private Backoff resolveBackoff(List<Layer> layers, Backoff builtIn, String queue) {
		Sourced<String> type = pick(layers, "backoff.type", (o) -> o.backoff().type(), builtIn.type().name());
		Sourced<Duration> delay = pick(layers, "backoff.delay", (o) -> o.backoff().delay(), builtIn.delay());
		Sourced<Duration> maxDelay = pick(layers, "backoff.max-delay", (o) -> o.backoff().maxDelay(),
				builtIn.maxDelay());
		Sourced<List<Duration>> delays = pick(layers, "backoff.delays", (o) -> o.backoff().delays(), builtIn.delays());
		BackoffType backoffType = parseEnum(BackoffType.class, type.value());
		boolean valid = true;
		if (backoffType == null) {
			reject(type, "be one of fixed, exponential, custom", queue);
			valid = false;
		}
		if (delay.value().isNegative()) {
			reject(delay, "be at least 0", queue);
			valid = false;
		}
		if (maxDelay.value().isNegative()) {
			reject(maxDelay, "be at least 0", queue);
			valid = false;
		}
		for (int i = 0; i < delays.value().size(); i++) {
			Duration value = delays.value().get(i);
			if (value == null || value.isNegative()) {
				this.errors.reject(delays.path() + "[" + i + "]", "be at least 0", value, queue);
				valid = false;
			}
		}
		if (!valid) {
			return null;
		}
		return switch (backoffType) {
			case FIXED -> Backoff.fixed(delay.value());
			case EXPONENTIAL -> {
				if (maxDelay.value().compareTo(delay.value()) < 0) {
					reject(maxDelay, "be at least backoff.delay " + format(delay.value()), queue);
					yield null;
				}
				yield Backoff.exponential(delay.value(), maxDelay.value());
			}
			case CUSTOM -> {
				if (delays.value().isEmpty()) {
					reject(type, "not be custom without backoff.delays", queue);
					yield null;
				}
				yield Backoff.custom(delays.value());
			}
		};
	}

	private List<RateLimitDefinition> resolveRateLimits(Map<String, RateLimitOverrides> overrides) {
		BuiltInCatalog.rateLimits().forEach((limit) -> this.rateLimitsByKey.put(normalize(limit.name()), limit));
		new TreeMap<>(overrides).forEach((key, override) -> {
			String path = PREFIX + "rate-limits." + key;
			RateLimitDefinition base = this.rateLimitsByKey.get(normalize(key));
			if (base == null) {
				base = new RateLimitDefinition(key, RateLimitAlgorithm.SLIDING_WINDOW, null, null, null, null);
			}
			RateLimitAlgorithm algorithm = base.algorithm();
			if (override.algorithm() != null) {
				algorithm = parseEnum(RateLimitAlgorithm.class, override.algorithm());
				if (algorithm == null) {
					this.errors.reject(path + ".algorithm", "be one of sliding-window, token-bucket, fixed-window",
							override.algorithm());
					algorithm = base.algorithm();
				}
			}
			RateLimitDefinition limit = new RateLimitDefinition(base.name(), algorithm,
					window(path + ".per-second", override.perSecond(), base.perSecond()),
					window(path + ".per-minute", override.perMinute(), base.perMinute()),
					window(path + ".per-hour", override.perHour(), base.perHour()),
					window(path + ".per-day", override.perDay(), base.perDay()));
			if (limit.perSecond() == null && limit.perMinute() == null && limit.perHour() == null
					&& limit.perDay() == null) {
				this.errors.reject(path, "set at least one of per-second, per-minute, per-hour, per-day", "none");
			}
			this.rateLimitsByKey.put(normalize(key), limit);
		});
		return List.copyOf(this.rateLimitsByKey.values());
	}

	private Long window(String path, Long override, Long builtIn) {
		if (override != null && override < 1) {
			this.errors.reject(path, "be at least 1", override);
		}
		return (override != null) ? override : builtIn;
	}

	private <T> Sourced<T> pick(List<Layer> layers, String property, Function<QueueOverrides, T> getter, T builtIn) {
		for (int rank = 0; rank < layers.size(); rank++) {
			Layer layer = layers.get(rank);
			T value = getter.apply(layer.overrides());
			if (value != null) {
				return new Sourced<>(value, layer.path() + "." + property, rank);
			}
		}
		return new Sourced<>(builtIn, "built-in " + property, Integer.MAX_VALUE);
	}

	private void reject(Sourced<?> value, String rule, String queue) {
		this.errors.reject(value.path(), rule, value.value(), queue);
	}

	private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
		String name = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(name)) {
				return constant;
			}
		}
		return null;
	}

	/**
	 * The key under which names match: lowercase, without dashes and underscores, so
	 * {@code email-campaigns}, {@code emailcampaigns} (the form environment variables
	 * bind to) and {@code emailCampaigns} name the same queue.
	 * @param name a name
	 * @return the key
	 */
	static String normalize(String name) {
		return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
	}

	static String format(Object value) {
		if (value == null) {
			return "not set";
		}
		if (value instanceof Duration duration) {
			return duration.toMillis() + "ms";
		}
		if (value instanceof String string) {
			return "'" + string + "'";
		}
		return String.valueOf(value);
	}

}
