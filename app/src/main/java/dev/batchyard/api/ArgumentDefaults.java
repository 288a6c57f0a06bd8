package dev.batchyard.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.execution.ValuesResolver;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;

import org.springframework.stereotype.Component;

/**
 * An argument with a default given an explicit {@code null} ({@code auditLog(limit:
 * null)}, or a variable sent as {@code null}, as generated clients do for an option not
 * set) gets its default, as when it is left out: the controllers read these arguments as
 * numbers and flags, and a null reached them as an {@code INTERNAL_ERROR} (found by the
 * fuzz suite). Except where the schema gives null a meaning of its own:
 * {@code alerts(acknowledged: null)} lists acknowledged and unacknowledged alerts.
 *
 * @author Batchyard
 */
@Component
class ArgumentDefaults extends SimplePerformantInstrumentation {

	/** Field.argument pairs whose null means something other than the default. */
	private static final Set<String> NULL_HAS_A_MEANING = Set.of("alerts.acknowledged");

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		GraphQLFieldDefinition field = parameters.getEnvironment().getFieldDefinition();
		List<GraphQLArgument> defaulted = field.getArguments()
			.stream()
			.filter(GraphQLArgument::hasSetDefaultValue)
			.filter((argument) -> !NULL_HAS_A_MEANING.contains(field.getName() + "." + argument.getName()))
			.toList();
		if (defaulted.isEmpty()) {
			return dataFetcher;
		}
		return (environment) -> dataFetcher.get(withDefaults(environment, defaulted));
	}

	private static DataFetchingEnvironment withDefaults(DataFetchingEnvironment environment,
			List<GraphQLArgument> defaulted) {
		Map<String, Object> arguments = null;
		for (GraphQLArgument argument : defaulted) {
			String name = argument.getName();
			if (environment.containsArgument(name) && environment.getArgument(name) == null) {
				if (arguments == null) {
					arguments = new LinkedHashMap<>(environment.getArguments());
				}
				arguments.put(name, ValuesResolver.valueToInternalValue(argument.getArgumentDefaultValue(),
						argument.getType(), environment.getGraphQlContext(), environment.getLocale()));
			}
		}
		return (arguments != null)
				? DataFetchingEnvironmentImpl.newDataFetchingEnvironment(environment).arguments(arguments).build()
				: environment;
	}

}
