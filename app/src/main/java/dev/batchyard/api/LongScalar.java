package dev.batchyard.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;

import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * The {@code Long} scalar: a signed 64-bit integer, for durations in ms and other values
 * past {@code Int}'s 2^31. Accepted as a number or a string of digits.
 *
 * @author Batchyard
 */
@Component
class LongScalar implements RuntimeWiringConfigurer {

	static final GraphQLScalarType LONG = GraphQLScalarType.newScalar()
		.name("Long")
		.description("A signed 64-bit integer")
		.coercing(new LongCoercing())
		.build();

	@Override
	public void configure(RuntimeWiring.Builder builder) {
		builder.scalar(LONG);
	}

	private static final class LongCoercing implements Coercing<Long, Long> {

		@Override
		public Long serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof Number number) {
				return number.longValue();
			}
			throw new CoercingSerializeException("Expected a number but was " + value.getClass().getName());
		}

		@Override
		public Long parseValue(Object input, GraphQLContext context, Locale locale) {
			try {
				return switch (input) {
					case Long number -> number;
					case Integer number -> number.longValue();
					case BigInteger number -> number.longValueExact();
					case BigDecimal number -> number.longValueExact();
					case Number number when number.doubleValue() == Math.rint(number.doubleValue()) ->
						number.longValue();
					case String text -> Long.parseLong(text);
					default -> throw new CoercingParseValueException("Expected a whole number, got '" + input + "'");
				};
			}
			catch (ArithmeticException | NumberFormatException ex) {
				throw new CoercingParseValueException("Expected a 64-bit whole number, got '" + input + "'", ex);
			}
		}

		@Override
		public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			try {
				if (input instanceof IntValue number) {
					return number.getValue().longValueExact();
				}
				if (input instanceof StringValue text) {
					return Long.parseLong(text.getValue());
				}
			}
			catch (ArithmeticException | NumberFormatException ex) {
				throw new CoercingParseLiteralException("Expected a 64-bit whole number", ex);
			}
			throw new CoercingParseLiteralException("Expected a 64-bit whole number");
		}

	}

}
