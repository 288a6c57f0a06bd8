package dev.batchyard.cli.internal;

import java.io.StringWriter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON text to Jackson's tree and back with Jackson's streaming parser and generator
 * alone. Building an {@code ObjectMapper} was the largest single cost of the tool's start
 * (a quarter to nearly half a second on a busy machine), and the tool needs nothing a
 * mapper adds: no binding to classes, only trees.
 */
final class Json {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	/** Immutable once built, like the node factory: safe to share. */
	private static final JsonFactory factory = new JsonFactory();

	private Json() {
	}

	static ObjectNode object() {
		return nodes.objectNode();
	}

	/**
	 * Parses one JSON value.
	 * @param text the JSON text
	 * @return its tree
	 * @throws tools.jackson.core.JacksonException when it is not JSON
	 */
	static JsonNode read(String text) {
		try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), text)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw new tools.jackson.core.exc.StreamReadException(parser, "No JSON value: the text is empty");
			}
			JsonNode value = value(parser, first);
			if (parser.nextToken() != null) {
				throw new tools.jackson.core.exc.StreamReadException(parser, "More than one JSON value");
			}
			return value;
		}
	}

	private static JsonNode value(JsonParser parser, JsonToken token) {
		return switch (token) {
			case START_OBJECT -> {
				ObjectNode object = nodes.objectNode();
				for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
					String name = parser.currentName();
					object.set(name, value(parser, parser.nextToken()));
				}
				yield object;
			}
			case START_ARRAY -> {
				ArrayNode array = nodes.arrayNode();
				for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
					array.add(value(parser, next));
				}
				yield array;
			}
			case VALUE_STRING -> nodes.textNode(parser.getString());
			case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
				case INT -> nodes.numberNode(parser.getIntValue());
				case LONG -> nodes.numberNode(parser.getLongValue());
				default -> nodes.numberNode(parser.getBigIntegerValue());
			};
			case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
			case VALUE_TRUE -> nodes.booleanNode(true);
			case VALUE_FALSE -> nodes.booleanNode(false);
			case VALUE_NULL -> nodes.nullNode();
			default -> throw new tools.jackson.core.exc.StreamReadException(parser, "Unexpected " + token);
		};
	}

	/** The tree as JSON text, on one line or indented. */
	static String write(JsonNode node, boolean pretty) {
		StringWriter text = new StringWriter();
		ObjectWriteContext context = pretty ? new Pretty() : ObjectWriteContext.empty();
		try (JsonGenerator generator = factory.createGenerator(context, text)) {
			write(generator, node);
		}
		return text.toString();
	}

	private static void write(JsonGenerator generator, JsonNode node) {
		if (node.isObject()) {
			generator.writeStartObject();
			for (var property : node.properties()) {
				generator.writeName(property.getKey());
				write(generator, property.getValue());
			}
			generator.writeEndObject();
		}
		else if (node.isArray()) {
			generator.writeStartArray();
			for (JsonNode item : node) {
				write(generator, item);
			}
			generator.writeEndArray();
		}
		else if (node.isString()) {
			generator.writeString(node.asString());
		}
		else if (node.isIntegralNumber()) {
			generator.writeNumber(node.bigIntegerValue());
		}
		else if (node.isBigDecimal()) {
			generator.writeNumber(node.decimalValue());
		}
		else if (node.isNumber()) {
			generator.writeNumber(node.doubleValue());
		}
		else if (node.isBoolean()) {
			generator.writeBoolean(node.asBoolean());
		}
		else {
			generator.writeNull();
		}
	}

	/** Indented output, for --json. */
	private static final class Pretty extends ObjectWriteContext.Base {

		@Override
		public PrettyPrinter getPrettyPrinter() {
			return new DefaultPrettyPrinter();
		}

		@Override
		public boolean hasPrettyPrinter() {
			return true;
		}

	}

}
