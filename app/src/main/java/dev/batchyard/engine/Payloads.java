package dev.batchyard.engine;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.batchyard.catalog.spi.InvalidPayloadException;
import dev.batchyard.catalog.spi.JobType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a payload against its job type's payload class, for jobs and schedules alike,
 * and says what is wrong in a sentence of ours that names the field
 * ({@code payload.sleepMs}), never Jackson's own (which names Java classes). A field the
 * class does not have is refused: a typo such as {@code sleepMz} would otherwise be
 * dropped without a word. A payload class opts out explicitly with Jackson's
 * {@code @JsonIgnoreProperties(ignoreUnknown = true)}.
 *
 * @author Batchyard
 */
public final class Payloads {

	private Payloads() {
	}

	/**
	 * Why a payload does not fit, if it does not.
	 * @param json the mapper
	 * @param payload the payload as JSON text
	 * @param payloadType the job type's payload class
	 * @param typeName the job type's name, for the message
	 * @return the refusal, or empty when the payload fits
	 */
	public static Optional<Refusal> refusal(JsonMapper json, String payload, Class<?> payloadType, String typeName) {
		try {
			read(json, payload, payloadType);
			return Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.of(refusal(ex, typeName));
		}
	}

	/**
	 * Why a payload does not fit its job type, if it does not: its payload class, then
	 * the type's own {@link JobType#check} against this node's settings.
	 * @param <P> the payload type
	 * @param json the mapper
	 * @param payload the payload as JSON text
	 * @param type the job type
	 * @return the refusal, or empty when the payload fits
	 */
	public static <P> Optional<Refusal> refusal(JsonMapper json, String payload, JobType<P> type) {
		String typeName = type.descriptor().name();
		try {
			type.check(read(json, payload, type.descriptor().payloadType()));
			return Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.of(refusal(ex, typeName));
		}
		catch (InvalidPayloadException ex) {
			return Optional.of(new Refusal("payload." + ex.field(),
					"payload does not fit (job type '" + typeName + "'): " + ex.getMessage()));
		}
	}

	private static <P> P read(JsonMapper json, String payload, Class<P> payloadType) {
		return json.readerFor(payloadType).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(payload);
	}

	private static Refusal refusal(JacksonException ex, String typeName) {
		String path = path(ex);
		String of = " (job type '" + typeName + "')";
		if (ex instanceof UnrecognizedPropertyException unknown) {
			String known = (unknown.getKnownPropertyIds() != null) ? unknown.getKnownPropertyIds()
				.stream()
				.map(String::valueOf)
				.sorted()
				.collect(Collectors.joining(", ")) : "";
			return new Refusal(path, path + " is not a field of the payload" + of
					+ (known.isEmpty() ? "" : "; its fields are " + known));
		}
		if (ex instanceof ValueInstantiationException && ex.getCause() instanceof InvalidPayloadException invalid) {
			return new Refusal(path + "." + invalid.field(), "payload does not fit" + of + ": " + invalid.getMessage());
		}
		if (ex instanceof ValueInstantiationException && ex.getCause() instanceof IllegalArgumentException invalid) {
			return new Refusal(path, "payload does not fit" + of + ": " + invalid.getMessage());
		}
		if (ex instanceof MismatchedInputException mismatch && !path.equals("payload")) {
			return new Refusal(path, path + " must be " + kind(mismatch.getTargetType()) + of);
		}
		if (ex instanceof StreamReadException) {
			return new Refusal("payload", "payload is not valid JSON");
		}
		return new Refusal(path, path + " does not fit the payload of job type '" + typeName
				+ "'; it must be a JSON object with the type's fields");
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder("payload");
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append('.').append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String kind(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
			return "a string";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a list";
		}
		return (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) ? "an object"
				: "of another type";
	}

	/**
	 * A payload that does not fit.
	 *
	 * @param argument the payload field at fault, such as {@code payload.sleepMs}
	 * @param message what is wrong, in a sentence for the person who sent it
	 */
	public record Refusal(String argument, String message) {
	}

}
