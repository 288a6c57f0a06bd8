package dev.batchyard.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * tokens. One exception: {@code enqueueJob} sent by an application with the ENQUEUER role
 * is its everyday work, thousands a minute, so it is counted in the metric
 * {@code batchyard.api.enqueues{principal, outcome}} instead of one audit row per job.
 *
 * @author Batchyard
 */
@Component
class AuditInterceptor implements WebGraphQlInterceptor, Ordered {

	/** Queries that are audited like mutations: they read credentials. */
	private static final Set<String> AUDITED_QUERIES = Set.of("apiTokens");

	private final AuditTrail trail;

	private final JsonMapper json;

	private final ParsedDocuments documents;

	private final MeterRegistry meters;

	AuditInterceptor(AuditTrail trail, JsonMapper json, ParsedDocuments documents, MeterRegistry meters) {
		this.trail = trail;
		this.json = json;
		this.documents = documents;
		this.meters = meters;
	}

	@Override
	public int getOrder() {
		// outermost: it sees the response as the client does, error codes included
		return 0;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		ParsedDocuments.TopLevelFields fields = this.documents.topLevelFields(request.getDocument(),
				request.getOperationName());
		if (fields == null || !audited(fields)) {
			return chain.next(request);
		}
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		String actor = (caller != null) ? caller.getName() : "anonymous";
		if (Callers.isEnqueuerOnly(caller) && fields.operation() == OperationDefinition.Operation.MUTATION
				&& !fields.fields().isEmpty() && fields.fields().stream().allMatch("enqueueJob"::equals)) {
			return chain.next(request).doOnNext((response) -> enqueues(actor, outcome(response)).increment());
		}
		String operation = String.join(",", fields.fields());
		String arguments = this.json
			.writeValueAsString(Map.of("document", request.getDocument(), "variables", request.getVariables()));
		return chain.next(request)
			.doOnNext((response) -> this.trail.record(actor, operation, arguments, outcome(response)));
	}

	private static boolean audited(ParsedDocuments.TopLevelFields fields) {
		return fields.operation() == OperationDefinition.Operation.MUTATION
				|| (fields.operation() == OperationDefinition.Operation.QUERY
						&& fields.fields().stream().anyMatch(AUDITED_QUERIES::contains));
	}

	private Counter enqueues(String principal, String outcome) {
		return Counter.builder("batchyard.api.enqueues")
			.description("enqueueJob requests of the ENQUEUER role (not written to the audit log)")
			.tag("principal", principal)
			.tag("outcome", outcome)
			.register(this.meters);
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
