package dev.batchyard.api;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a {@code JSON} scalar input into the JSON text the features store.
 *
 * @author Batchyard
 */
final class JsonPayloads {

	private JsonPayloads() {
	}

	/**
	 * A JSON value as JSON text, or null. A string holding a JSON object or array (as
	 * some clients send custom scalars) is taken as that object or array.
	 */
	static String toJson(Object value, JsonMapper json) {
		if (value == null) {
			return null;
		}
		if (value instanceof String text) {
			try {
				JsonNode node = json.readTree(text);
				if (node.isObject() || node.isArray()) {
					return text;
				}
			}
			catch (JacksonException ex) {
				// a plain string: the job type decides whether it fits
			}
		}
		return json.writeValueAsString(value);
	}

}
