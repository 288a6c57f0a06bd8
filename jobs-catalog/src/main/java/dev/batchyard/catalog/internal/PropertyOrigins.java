package dev.batchyard.catalog.internal;

import java.util.function.Function;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.Environment;

/**
 * Tells where the value of a property came from ({@code class path resource
 * [application.yml] - 3:18}, {@code environment variable WORKER_CONCURRENCY_EMAIL}), so a
 * validation error points at the line or variable to fix.
 *
 * @author Batchyard
 */
public final class PropertyOrigins implements Function<String, String> {

	private final Iterable<ConfigurationPropertySource> sources;

	public PropertyOrigins(Environment environment) {
		this.sources = ConfigurationPropertySources.get(environment);
	}

	@Override
	public String apply(String path) {
		if (!ConfigurationPropertyName.isValid(path)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(path);
		for (ConfigurationPropertySource source : this.sources) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				Origin origin = property.getOrigin();
				if (origin instanceof PropertySourceOrigin wrapper) {
					// without a file or variable behind it, it would only repeat the path
					origin = wrapper.getOrigin();
				}
				return (origin != null) ? origin.toString() : null;
			}
		}
		return null;
	}

}
