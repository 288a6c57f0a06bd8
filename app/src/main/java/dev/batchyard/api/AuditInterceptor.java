package dev.batchyard.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Writes every mutation to the audit log, whoever sent it and however it ended (a refused
 * one too: the log shows attempts, not only changes), and every query that lists API
 * tokens.
 *
 * @author Batchyard
 */
@Component
class AuditInterceptor implements WebGraphQlInterceptor, Ordered {

	/** Queries that are audited like mutations: they read credentials. */
	private static final Set<String> AUDITED_QUERIES = Set.of("apiTokens");

	private final AuditTrail trail;

	private final JsonMapper json;

	AuditInterceptor(AuditTrail trail, JsonMapper json) {
		this.trail = trail;
		this.json = json;
	}

	@Override
	public int getOrder() {
		// outermost: it sees the response as the client does, error codes included
		return 0;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String mutation = mutationFields(request);
		if (mutation == null) {
			return chain.next(request);
		}
		String actor = actor();
		String arguments = this.json
			.writeValueAsString(Map.of("document", request.getDocument(), "variables", request.getVariables()));
		return chain.next(request)
			.doOnNext((response) -> this.trail.record(actor, mutation, arguments, outcome(response)));
	}

	/** The top-level fields of the request's mutation, or null if it runs no mutation. */
	private static String mutationFields(WebGraphQlRequest request) {
		Document document;
		try {
			document = Parser.parse(request.getDocument());
		}
		catch (InvalidSyntaxException ex) {
			return null;
		}
		return document.getDefinitionsOfType(OperationDefinition.class)
			.stream()
			.filter((operation) -> request.getOperationName() == null
					|| request.getOperationName().equals(operation.getName()))
			.findFirst()
			.map(AuditInterceptor::auditedFields)
			.orElse(null);
	}

	/**
	 * A mutation's top-level fields, or those of a query that reads credentials
	 * ({@code apiTokens}); null for anything else.
	 */
	private static String auditedFields(OperationDefinition operation) {
		List<String> fields = operation.getSelectionSet()
			.getSelectionsOfType(Field.class)
			.stream()
			.map(Field::getName)
			.toList();
		boolean audited = operation.getOperation() == OperationDefinition.Operation.MUTATION
				|| (operation.getOperation() == OperationDefinition.Operation.QUERY
						&& fields.stream().anyMatch(AUDITED_QUERIES::contains));
		return audited ? String.join(",", fields) : null;
	}

	private static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getName() : "anonymous";
	}

	private static String outcome(WebGraphQlResponse response) {
		List<String> codes = response.getErrors()
			.stream()
			.map(ResponseError::getExtensions)
			.filter(Objects::nonNull)
			.map((extensions) -> String.valueOf(extensions.getOrDefault("code", "ERROR")))
			.distinct()
			.toList();
		return response.getErrors().isEmpty() ? "OK" : (codes.isEmpty() ? "ERROR" : String.join(",", codes));
	}

}
