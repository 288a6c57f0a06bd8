package dev.batchyard.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * The {@code JSON} scalar: any JSON value. Payloads and results are stored as JSON text
 * and served as JSON values (an object, not a string holding one); inputs accept any JSON
 * value, inline or as a variable, and reach controllers as maps, lists and plain values.
 *
 * @author Batchyard
 */
@Component
class JsonScalar implements RuntimeWiringConfigurer {

	private final GraphQLScalarType scalar;

	JsonScalar(JsonMapper json) {
		this.scalar = GraphQLScalarType.newScalar()
			.name("JSON")
			.description("Any JSON value: an object, an array, a string, a number, a boolean or null")
			.coercing(new JsonCoercing(json))
			.build();
	}

	@Override
	public void configure(RuntimeWiring.Builder builder) {
		builder.scalar(this.scalar);
	}

	private static final class JsonCoercing implements Coercing<Object, Object> {

		private final JsonMapper json;

		JsonCoercing(JsonMapper json) {
			this.json = json;
		}

		/** JSON text (as stored) becomes the value it spells; other values pass. */
		@Override
		public Object serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof String text) {
				try {
					return this.json.readValue(text, Object.class);
				}
				catch (JacksonException ex) {
					return text;
				}
			}
			return value;
		}

		@Override
		public Object parseValue(Object input, GraphQLContext context, Locale locale) {
			return input;
		}

		@Override
		public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			return literal(input, variables);
		}

		private static Object literal(Value<?> input, CoercedVariables variables) {
			return switch (input) {
				case NullValue ignored -> null;
				case StringValue string -> string.getValue();
				case BooleanValue bool -> bool.isValue();
				case IntValue number -> number.getValue();
				case FloatValue number -> number.getValue();
				case EnumValue value -> value.getName();
				case VariableReference reference -> variables.get(reference.getName());
				case ArrayValue array -> {
					List<Object> values = new ArrayList<>();
					array.getValues().forEach((value) -> values.add(literal(value, variables)));
					yield values;
				}
				case ObjectValue object -> {
					Map<String, Object> fields = new LinkedHashMap<>();
					for (ObjectField field : object.getObjectFields()) {
						fields.put(field.getName(), literal(field.getValue(), variables));
					}
					yield fields;
				}
				default -> throw new CoercingParseLiteralException("Not a JSON value: " + input);
			};
		}

	}

}
