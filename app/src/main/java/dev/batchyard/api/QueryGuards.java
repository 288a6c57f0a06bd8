package dev.batchyard.api;

import java.util.Map;

import graphql.execution.AbortExecutionException;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses queries past the configured depth and complexity before any field runs, with
 * {@code INVALID_PARAMETERS} and a sentence that says the bound.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
class QueryGuards {

	@Bean
	MaxQueryDepthInstrumentation maxQueryDepth(ApiProperties properties) {
		return new MaxQueryDepthInstrumentation(properties.maxQueryDepth()) {

			@Override
			protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
				return new QueryRefusedException(
						"The query nests " + depth + " levels deep; at most " + maxDepth + " are allowed");
			}

		};
	}

	@Bean
	MaxQueryComplexityInstrumentation maxQueryComplexity(ApiProperties properties) {
		return new MaxQueryComplexityInstrumentation(properties.maxQueryComplexity()) {

			@Override
			protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
				return new QueryRefusedException(
						"The query selects " + complexity + " fields; at most " + maxComplexity + " are allowed");
			}

		};
	}

	/**
	 * A query refused before it ran.
	 */
	static final class QueryRefusedException extends AbortExecutionException {

		private static final long serialVersionUID = 1L;

		QueryRefusedException(String message) {
			super(message);
		}

		@Override
		public Map<String, Object> getExtensions() {
			return Map.of("code", "INVALID_PARAMETERS");
		}

	}

}
