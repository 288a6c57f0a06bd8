package dev.batchyard.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * {@code INVALID_PARAMETERS}. So is an introspection that graphql-java refuses as not
 * asked in good faith (a repeated {@code __Type.fields}, or one past 500 fields or 20
 * levels), with a message that names what was refused. Anything else is
 * {@code INTERNAL_ERROR} with an {@code errorId} to find it in the log by.
 *
 * @author Batchyard
 */
@Component
class ErrorCodeInterceptor implements WebGraphQlInterceptor, Ordered {

	private static final Log logger = LogFactory.getLog(ErrorCodeInterceptor.class);

	/** graphql-java's classification of a null where the schema promises a value. */
	private static final String NULL_IN_NON_NULL = "NullValueInNonNullableField";

	/** graphql-java's classification of a refused introspection. */
	private static final String BAD_FAITH_INTROSPECTION = "BadFaithIntrospection";

	/** What graphql-java's message says before the part that names the refusal. */
	private static final String BAD_FAITH_PREFIX = "not asking for introspection in good faith - ";

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
		List<ResponseError> coded = response.getErrors().stream().filter(ErrorCodeInterceptor::hasCode).toList();
		List<GraphQLError> errors = response.getErrors()
			.stream()
			.filter((error) -> !followsFrom(error, coded))
			.map(ErrorCodeInterceptor::withCode)
			.toList();
		return response.transform((builder) -> builder.errors(errors));
	}

	/**
	 * A null where the schema promises a value, below a field that was refused with a
	 * code: the refusal's echo, not a second error (a refused argument must be one error,
	 * not one plus an INTERNAL_ERROR).
	 */
	private static boolean followsFrom(ResponseError error, List<ResponseError> coded) {
		if (hasCode(error) || !NULL_IN_NON_NULL.equals(String.valueOf(error.getErrorType()))) {
			return false;
		}
		List<Object> path = error.getParsedPath();
		return coded.stream()
			.map(ResponseError::getParsedPath)
			.anyMatch((refused) -> !refused.isEmpty() && path.size() >= refused.size()
					&& path.subList(0, refused.size()).equals(refused));
	}

	private static boolean isBadFaithIntrospection(ErrorClassification type) {
		return type != null && BAD_FAITH_INTROSPECTION.equals(type.toString());
	}

	/**
	 * graphql-java says "This request is not asking for introspection in good faith -
	 * __Type.fields is present too often!" or "... - the query is too big: Maximum depth
	 * exceeded. 21 > 20"; the part after the dash names what was refused.
	 */
	private static String badFaithIntrospection(String message) {
		int at = (message != null) ? message.indexOf(BAD_FAITH_PREFIX) : -1;
		String what = (at >= 0) ? message.substring(at + BAD_FAITH_PREFIX.length()) : String.valueOf(message);
		what = what.endsWith("!") ? what.substring(0, what.length() - 1) : what;
		return "The introspection query was refused: " + what
				+ " (an introspection may select __schema, __type, __Type.fields, __Type.inputFields,"
				+ " __Type.interfaces and __Type.possibleTypes once each, at most 500 fields and 20 levels deep;"
				+ " the standard introspection query of GraphiQL and code generators passes)";
	}

	private static boolean hasCode(ResponseError error) {
		return error.getExtensions() != null && error.getExtensions().containsKey("code");
	}

	private static GraphQLError withCode(ResponseError error) {
		Map<String, Object> extensions = new LinkedHashMap<>(
				(error.getExtensions() != null) ? error.getExtensions() : Map.of());
		ErrorClassification type = error.getErrorType();
		String message = error.getMessage();
		if (!extensions.containsKey("code")) {
			boolean refused = type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax
					|| type == org.springframework.graphql.execution.ErrorType.BAD_REQUEST;
			if (isBadFaithIntrospection(type)) {
				message = badFaithIntrospection(message);
				extensions.put("code", "INVALID_PARAMETERS");
			}
			else if (refused) {
				extensions.put("code", "INVALID_PARAMETERS");
			}
			else {
				String errorId = UUID.randomUUID().toString();
				logger.error("Unexpected error " + errorId + " (" + type + "): " + message);
				extensions.put("code", "INTERNAL_ERROR");
				extensions.put("errorId", errorId);
			}
		}
		return GraphqlErrorBuilder.newError()
			.message(message)
			.locations(error.getLocations())
			.path(error.getParsedPath())
			.errorType(type)
			.extensions(extensions)
			.build();
	}

}
