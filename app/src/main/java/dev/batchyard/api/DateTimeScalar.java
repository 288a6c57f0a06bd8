package dev.batchyard.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * The {@code DateTime} scalar: an {@link Instant} as an ISO-8601 string in UTC. Accepts
 * any ISO-8601 offset on input.
 *
 * @author Batchyard
 */
@Component
class DateTimeScalar implements RuntimeWiringConfigurer {

	static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
		.name("DateTime")
		.description("An instant as an ISO-8601 string in UTC")
		.coercing(new InstantCoercing())
		.build();

	@Override
	public void configure(graphql.schema.idl.RuntimeWiring.Builder builder) {
		builder.scalar(DATE_TIME);
	}

	private static final class InstantCoercing implements Coercing<Instant, String> {

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof Instant instant) {
				return instant.toString();
			}
			if (value instanceof OffsetDateTime time) {
				return time.toInstant().toString();
			}
			throw new CoercingSerializeException("Expected an Instant but was " + value.getClass().getName());
		}

		@Override
		public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
			try {
				return parse(input.toString());
			}
			catch (DateTimeParseException ex) {
				throw new CoercingParseValueException(
						"Expected an ISO-8601 date-time such as 2025-01-31T12:00:00Z, got '" + input + "'", ex);
			}
		}

		@Override
		public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			if (input instanceof StringValue string) {
				try {
					return parse(string.getValue());
				}
				catch (DateTimeParseException ex) {
					throw new CoercingParseLiteralException(
							"Expected an ISO-8601 date-time such as 2025-01-31T12:00:00Z, got '" + string.getValue()
									+ "'",
							ex);
				}
			}
			throw new CoercingParseLiteralException("Expected an ISO-8601 date-time string");
		}

		private static Instant parse(String value) {
			return OffsetDateTime.parse(value).toInstant();
		}

	}

}
