package dev.batchyard.catalog.spi;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The checks a payload record makes in its constructor, each refusing a field with an
 * {@link InvalidPayloadException} that names it: the built-in job types use them, and so
 * can a team's own. A payload whose constructor passes is a valid payload; the engine
 * runs the constructor when the job is enqueued, so a bad one is refused before anything
 * is stored.
 *
 * @author Batchyard
 */
public final class PayloadChecks {

	private PayloadChecks() {
	}

	/**
	 * Refuses the field unless the condition holds.
	 * @param condition what must hold
	 * @param field the field's name
	 * @param message what is wrong, naming the field
	 */
	public static void require(boolean condition, String field, String message) {
		if (!condition) {
			throw new InvalidPayloadException(field, message);
		}
	}

	/**
	 * A required text field.
	 * @param field the field's name
	 * @param value its value
	 * @param what what the field holds, for the message ({@code "the event type"})
	 * @return the value
	 */
	public static String requireText(String field, String value, String what) {
		require(value != null && !value.isBlank(), field, field + " is required: " + what);
		return value;
	}

	/**
	 * The value, or the default when the payload leaves it out.
	 * @param <T> the value type
	 * @param value the value, {@code null} when left out
	 * @param fallback the default
	 * @return the value or the default
	 */
	public static <T> T orDefault(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * An integer field within bounds.
	 * @param field the field's name
	 * @param value the value, {@code null} when left out
	 * @param fallback the default
	 * @param min the smallest value allowed
	 * @param max the largest value allowed
	 * @return the value or the default
	 */
	public static int between(String field, Integer value, int fallback, int min, int max) {
		int actual = orDefault(value, fallback);
		require(actual >= min && actual <= max, field,
				field + " must be between " + min + " and " + max + " (was " + actual + ")");
		return actual;
	}

	/**
	 * A required absolute path.
	 * @param field the field's name
	 * @param value the path as text
	 * @return the path, normalized
	 */
	public static Path absolutePath(String field, String value) {
		try {
			Path path = (value != null && !value.isBlank()) ? Path.of(value) : null;
			require(path != null && path.isAbsolute(), field, field + " must be an absolute path (was " + value + ")");
			return path.normalize();
		}
		catch (InvalidPathException ex) {
			throw new InvalidPayloadException(field, field + " is not a path (was " + value + ")");
		}
	}

	/**
	 * An ISO-8601 duration ({@code P7D}, {@code PT12H}) that is not negative.
	 * @param field the field's name
	 * @param value the duration as text
	 * @return the duration
	 */
	public static Duration isoDuration(String field, String value) {
		try {
			Duration duration = Duration.parse(value);
			require(!duration.isNegative(), field, field + " must not be negative (was " + value + ")");
			return duration;
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw new InvalidPayloadException(field,
					field + " must be an ISO-8601 duration such as P7D or PT12H (was " + value + ")");
		}
	}

}
