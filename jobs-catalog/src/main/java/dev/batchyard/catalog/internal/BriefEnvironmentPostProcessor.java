package dev.batchyard.catalog.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.batchyard.catalog.InvalidCatalogException;
import dev.batchyard.catalog.Tier;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Maps the environment variables of the product brief onto {@code batchyard.catalog.*}
 * properties. They go into a property source right after {@code systemEnvironment}: the
 * Spring names ({@code BATCHYARD_CATALOG_...} variables, command-line arguments, system
 * properties) still win over them, and they win over {@code application.yml}.
 * <table>
 * <caption>Variables</caption>
 * <tr>
 * <th>variable</th>
 * <th>property</th>
 * </tr>
 * <tr>
 * <td>{@code WORKER_CONCURRENCY_<KEY>}</td>
 * <td>{@code queues.<queue>.concurrency}</td>
 * </tr>
 * <tr>
 * <td>{@code TIMEOUT_<KEY>} (milliseconds)</td>
 * <td>{@code queues.<queue>.timeout}</td>
 * </tr>
 * <tr>
 * <td>{@code MIN_WORKERS_<KEY>}</td>
 * <td>{@code queues.<queue>.min-workers}</td>
 * </tr>
 * <tr>
 * <td>{@code MAX_WORKERS_<KEY>}</td>
 * <td>{@code queues.<queue>.max-workers}</td>
 * </tr>
 * <tr>
 * <td>{@code MIN_WORKERS}, {@code MAX_WORKERS}</td>
 * <td>{@code defaults.min-workers}, {@code defaults.max-workers}</td>
 * </tr>
 * <tr>
 * <td>{@code <TIER>_MIN_WORKERS}, {@code <TIER>_MAX_WORKERS} (e.g.
 * {@code CRITICAL_MIN_WORKERS})</td>
 * <td>{@code tiers.<tier>.min-workers}, {@code tiers.<tier>.max-workers}</td>
 * </tr>
 * </table>
 * <p>
 * {@code KEY} is a built-in queue name in upper snake case ({@code PASSWORD_RESET} for
 * {@code password-reset}) or one of these groups:
 * <ul>
 * <li>{@code EMAIL}: scheduled-emails, email-retry, email-campaigns, password-reset</li>
 * <li>{@code NOTIFICATION}: notification-delivery, notification-digest</li>
 * <li>{@code SEARCH}: search-index-realtime, search-index-bulk, search-reindex</li>
 * <li>{@code TAX}: tax-document-generation, tax-form-processing</li>
 * <li>{@code ASSET}: asset-processing, asset-cleanup</li>
 * <li>{@code CLEANUP}: session-cleanup, token-cleanup, asset-cleanup, upload-cleanup</li>
 * <li>{@code PDF}: tax-document-generation</li>
 * <li>{@code REINDEX}: search-reindex</li>
 * </ul>
 * A queue variable beats a group variable; of two groups, the later in this list wins (so
 * {@code PDF} beats {@code TAX} and {@code REINDEX} beats {@code SEARCH}). A variable
 * whose key is neither a queue nor a group is ignored (it may belong to something else);
 * a variable this class maps must hold a whole number, or the boot fails naming it.
 * Queues added through {@code batchyard.catalog.queues.<name>} are not known here;
 * configure them with the {@code BATCHYARD_CATALOG_QUEUES_...} variables.
 *
 * @author Batchyard
 */
public final class BriefEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source this adds. */
	public static final String PROPERTY_SOURCE_NAME = "batchyardBriefEnvironmentVariables";

	/** Runs after Boot's own post-processors; only the source's position matters. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	private static final String PREFIX = "batchyard.catalog.";

	static final Map<String, List<String>> GROUPS = groups();

	private static final int QUEUE_SPECIFICITY = Integer.MAX_VALUE;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		PropertySource<?> system = environment.getPropertySources()
			.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (!(system instanceof EnumerablePropertySource<?> variables)) {
			return;
		}
		Map<String, Object> properties = map(variables);
		if (!properties.isEmpty()) {
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new OriginTrackedMapPropertySource(PROPERTY_SOURCE_NAME, properties, true));
		}
	}

	private Map<String, Object> map(EnumerablePropertySource<?> variables) {
		Map<String, Object> properties = new TreeMap<>();
		Map<String, Integer> specificity = new HashMap<>();
		List<String> errors = new ArrayList<>();
		Set<String> queues = BuiltInCatalog.builtInQueues()
			.stream()
			.map(BuiltInCatalog.BuiltInQueue::name)
			.collect(Collectors.toSet());
		for (String variable : new TreeSet<>(Arrays.asList(variables.getPropertyNames()))) {
			Target target = target(variable, queues);
			if (target == null) {
				continue;
			}
			String raw = String.valueOf(variables.getProperty(variable)).trim();
			Object value = parse(raw, target.millis());
			if (value == null) {
				errors.add("environment variable " + variable + " must be a whole number"
						+ (target.millis() ? " of milliseconds" : "") + " (was '" + raw + "')");
				continue;
			}
			for (String property : target.properties()) {
				if (specificity.getOrDefault(property, -1) <= target.specificity()) {
					specificity.put(property, target.specificity());
					properties.put(property, OriginTrackedValue.of(value, new VariableOrigin(variable)));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidCatalogException(errors);
		}
		return properties;
	}

	private static Object parse(String raw, boolean millis) {
		try {
			return millis ? Long.parseLong(raw) + "ms" : Integer.parseInt(raw);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The environment variable a property was mapped from. */
	private record VariableOrigin(String variable) implements Origin {

		@Override
		public String toString() {
			return "environment variable " + this.variable;
		}

	}

	/** What one variable sets. */
	private record Target(List<String> properties, int specificity, boolean millis) {
	}

	private static Target target(String variable, Set<String> queues) {
		if (variable.equals("MIN_WORKERS") || variable.equals("MAX_WORKERS")) {
			return new Target(List.of(PREFIX + "defaults." + kebab(variable)), 0, false);
		}
		for (Tier tier : Tier.values()) {
			for (String suffix : List.of("_MIN_WORKERS", "_MAX_WORKERS")) {
				if (variable.equals(tier.name() + suffix)) {
					return new Target(List.of(PREFIX + "tiers." + tier.name().toLowerCase(Locale.ROOT) + "."
							+ kebab(suffix.substring(1))), 0, false);
				}
			}
		}
		for (String[] mapping : new String[][] { { "WORKER_CONCURRENCY_", "concurrency" }, { "TIMEOUT_", "timeout" },
				{ "MIN_WORKERS_", "min-workers" }, { "MAX_WORKERS_", "max-workers" } }) {
			if (variable.startsWith(mapping[0]) && variable.length() > mapping[0].length()) {
				return queueTarget(variable.substring(mapping[0].length()), mapping[1], queues);
			}
		}
		return null;
	}

	private static Target queueTarget(String key, String property, Set<String> queues) {
		boolean millis = property.equals("timeout");
		String queue = kebab(key);
		if (queues.contains(queue)) {
			return new Target(List.of(queueProperty(queue, property)), QUEUE_SPECIFICITY, millis);
		}
		List<String> members = GROUPS.get(key);
		if (members == null) {
			return null;
		}
		int specificity = new ArrayList<>(GROUPS.keySet()).indexOf(key) + 1;
		return new Target(members.stream().map((member) -> queueProperty(member, property)).toList(), specificity,
				millis);
	}

	private static String kebab(String upperSnake) {
		return upperSnake.toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static Map<String, List<String>> groups() {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		groups.put("EMAIL", List.of("scheduled-emails", "email-retry", "email-campaigns", "password-reset"));
		groups.put("NOTIFICATION", List.of("notification-delivery", "notification-digest"));
		groups.put("SEARCH", List.of("search-index-realtime", "search-index-bulk", "search-reindex"));
		groups.put("TAX", List.of("tax-document-generation", "tax-form-processing"));
		groups.put("ASSET", List.of("asset-processing", "asset-cleanup"));
		groups.put("CLEANUP", List.of("session-cleanup", "token-cleanup", "asset-cleanup", "upload-cleanup"));
		groups.put("PDF", List.of("tax-document-generation"));
		groups.put("REINDEX", List.of("search-reindex"));
		return Collections.unmodifiableMap(groups);
	}

	private static String queueProperty(String queue, String property) {
		return PREFIX + "queues." + queue + "." + property;
	}

}
