package dev.batchyard.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Gives a code to the errors graphql-java raises before any of our code runs — a document
 * that does not parse, a missing or mistyped argument, an unknown enum value — so that
 * every error a client sees carries {@code extensions.code}: these are
 * {@code INVALID_PARAMETERS}.
 *
 * @author Batchyard
 */
@Component
class ErrorCodeInterceptor implements WebGraphQlInterceptor, Ordered {

	@Override
	public int getOrder() {
		// innermost: the audit log records the codes clients see
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(ErrorCodeInterceptor::withCodes);
	}

	private static WebGraphQlResponse withCodes(WebGraphQlResponse response) {
		if (response.getErrors().stream().allMatch(ErrorCodeInterceptor::hasCode)) {
			return response;
		}
		List<GraphQLError> errors = response.getErrors().stream().map(ErrorCodeInterceptor::withCode).toList();
		return response.transform((builder) -> builder.errors(errors));
	}

	private static boolean hasCode(ResponseError error) {
		return error.getExtensions() != null && error.getExtensions().containsKey("code");
	}

	private static GraphQLError withCode(ResponseError error) {
		Map<String, Object> extensions = new LinkedHashMap<>(
				(error.getExtensions() != null) ? error.getExtensions() : Map.of());
		ErrorClassification type = error.getErrorType();
		if (!extensions.containsKey("code")) {
			boolean refused = type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax
					|| type == org.springframework.graphql.execution.ErrorType.BAD_REQUEST;
			extensions.put("code", refused ? "INVALID_PARAMETERS" : "INTERNAL_ERROR");
		}
		return GraphqlErrorBuilder.newError()
			.message(error.getMessage())
			.locations(error.getLocations())
			.path(error.getParsedPath())
			.errorType(type)
			.extensions(extensions)
			.build();
	}

}
