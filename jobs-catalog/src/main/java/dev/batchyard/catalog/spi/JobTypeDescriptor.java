package dev.batchyard.catalog.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a job type is called, where its jobs go by default and what payload it takes.
 *
 * @param <P> the payload type
 * @param name the job type name, lowercase kebab-case ({@code send-email})
 * @param defaultQueue the queue a job of this type goes to when the caller names none;
 * must exist in the catalog (checked at startup)
 * @param payloadType the class the JSON payload is read into
 * @author Batchyard
 */
public record JobTypeDescriptor<P>(String name, String defaultQueue, Class<P> payloadType) {

	private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	public JobTypeDescriptor {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(defaultQueue, "defaultQueue");
		Objects.requireNonNull(payloadType, "payloadType");
		if (!KEBAB.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"Job type name must be lowercase kebab-case like send-email (was '" + name + "')");
		}
		if (defaultQueue.isBlank()) {
			throw new IllegalArgumentException("Default queue of job type '" + name + "' must not be blank");
		}
	}

}
