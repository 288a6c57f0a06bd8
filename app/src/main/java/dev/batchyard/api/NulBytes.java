package dev.batchyard.api;

import java.util.List;
import java.util.Map;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;

import org.springframework.stereotype.Component;

/**
 * Refuses a NUL character in any argument (a variable or a literal, at any depth) before
 * the field runs, but in a JSON {@code payload}, which is stored as JSON text with the
 * character escaped: PostgreSQL cannot store it in text or jsonb and refuses the
 * statement, which reached the client as an {@code INTERNAL_ERROR}. Here it is
 * {@code INVALID_PARAMETERS} naming the argument, and nothing is written.
 *
 * @author Batchyard
 */
@Component
class NulBytes extends SimplePerformantInstrumentation {

	private static final String INPUT = "input";

	private static final String PAYLOAD = "payload";

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		GraphQLFieldDefinition field = parameters.getEnvironment().getFieldDefinition();
		if (field.getArguments().isEmpty()) {
			return dataFetcher;
		}
		return (environment) -> {
			// a mutation's input object is not named, as in every other refusal
			environment.getArguments().forEach((name, value) -> check(INPUT.equals(name) ? null : name, value));
			return dataFetcher.get(environment);
		};
	}

	private static void check(String path, Object value) {
		if (value instanceof String text && text.indexOf('\u0000') >= 0) {
			String at = (path != null) ? path : INPUT;
			throw new InvalidArgumentException(at,
					at + " contains a NUL character (\\u0000), which cannot be stored; remove it or encode the value");
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, member) -> {
				if (PAYLOAD.equals(key)) {
					// JSON: kept as text with the character escaped, which PostgreSQL
					// stores
					return;
				}
				String at = (path != null) ? path + "." + key : String.valueOf(key);
				check(at, key);
				check(at, member);
			});
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				check(((path != null) ? path : INPUT) + "[" + i + "]", list.get(i));
			}
		}
	}

}
