package dev.batchyard.api;

import java.util.Map;

import dev.batchyard.catalog.QueueNotFoundException;
import dev.batchyard.limits.AdaptiveTimeoutRequiredException;
import dev.batchyard.limits.InvalidRateLimitException;
import dev.batchyard.limits.InvalidTimeoutException;
import dev.batchyard.limits.LimiterNotFoundException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;

import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The one place where exceptions get their error code (DESIGN.md "Error codes"): each
 * named exception maps to one {@code extensions.code} and a message a person can act on.
 * Add a method per exception as features arrive.
 *
 * @author Batchyard
 */
@ControllerAdvice
class ApiExceptionHandler {

	@GraphQlExceptionHandler
	GraphQLError limiterNotFound(LimiterNotFoundException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.NOT_FOUND, "LIMITER_NOT_FOUND", ex.getMessage(),
				Map.of("limiterName", ex.getLimiterName()));
	}

	@GraphQlExceptionHandler
	GraphQLError invalidRateLimit(InvalidRateLimitException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_RATE_LIMIT", ex.getMessage(),
				Map.of("field", ex.getField()));
	}

	@GraphQlExceptionHandler
	GraphQLError invalidTimeout(InvalidTimeoutException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_TIMEOUT", ex.getMessage(),
				Map.of("field", ex.getField()));
	}

	@GraphQlExceptionHandler
	GraphQLError adaptiveTimeoutRequired(AdaptiveTimeoutRequiredException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_PARAMETERS", ex.getMessage(),
				Map.of("field", "adaptiveEnabled", "queueName", ex.getQueueName(), "reason",
						"ADAPTIVE_TIMEOUT_REQUIRED_ON_CRITICAL_QUEUE"));
	}

	@GraphQlExceptionHandler
	GraphQLError queueNotFound(QueueNotFoundException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.NOT_FOUND, "QUEUE_NOT_FOUND", ex.getMessage(),
				Map.of("queueName", ex.queueName()));
	}

	@GraphQlExceptionHandler
	GraphQLError invalidParameters(IllegalArgumentException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_PARAMETERS", ex.getMessage(), Map.of());
	}

	/** Also catches Spring Security's {@code AuthorizationDeniedException}. */
	@GraphQlExceptionHandler
	GraphQLError forbidden(AccessDeniedException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.FORBIDDEN, "FORBIDDEN",
				"This operation needs the ADMIN role; ask an admin to do it or to grant you the role", Map.of());
	}

	private static GraphQLError error(DataFetchingEnvironment environment, ErrorType type, String code, String message,
			Map<String, Object> details) {
		GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError(environment).errorType(type).message(message);
		java.util.LinkedHashMap<String, Object> extensions = new java.util.LinkedHashMap<>(details);
		extensions.put("code", code);
		return builder.extensions(extensions).build();
	}

}
