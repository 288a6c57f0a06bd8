package dev.batchyard.api;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * Observes each GraphQL request as a whole ({@code graphql.request}), not each field:
 * Spring for GraphQL's default also wraps every non-trivial data fetcher in an
 * observation of its own ({@code graphql.datafetcher}), which in a profile of
 * {@code enqueueJob} allocated more per request than the enqueue itself. A slow field
 * still shows in its request's time, and each engine operation has its own metrics.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
class RequestObservations {

	@Bean
	GraphQlObservationInstrumentation graphQlObservationInstrumentation(ObjectProvider<ObservationRegistry> registry) {
		return new RequestsOnly(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	/** The default instrumentation, less the per-field observations. */
	private static final class RequestsOnly extends GraphQlObservationInstrumentation {

		RequestsOnly(ObservationRegistry registry) {
			super(registry);
		}

		@Override
		public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
				InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
			return dataFetcher;
		}

	}

}
