package dev.batchyard.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.language.OperationDefinition;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Keeps the ENQUEUER role to what it is for: {@code enqueueJob}, the {@code jobs} and
 * {@code job} queries and the {@code jobEvents} subscription (each narrowed to the
 * caller's own jobs by {@link JobController}), and nothing else. Anything else is refused
 * with {@code FORBIDDEN} before any field runs; a field added to the schema later is
 * refused too until it is named here.
 *
 * @author Batchyard
 */
@Component
class EnqueuerGuard implements WebGraphQlInterceptor, Ordered {

	private static final Map<OperationDefinition.Operation, Set<String>> ALLOWED = Map.of(
			OperationDefinition.Operation.QUERY, Set.of("jobs", "job", "__typename"),
			OperationDefinition.Operation.MUTATION, Set.of("enqueueJob", "__typename"),
			OperationDefinition.Operation.SUBSCRIPTION, Set.of("jobEvents"));

	private final ParsedDocuments documents;

	EnqueuerGuard(ParsedDocuments documents) {
		this.documents = documents;
	}

	@Override
	public int getOrder() {
		// inside the audit interceptor, so that a refused attempt is audited
		return 1;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!Callers.isEnqueuerOnly(SecurityContextHolder.getContext().getAuthentication())) {
			return chain.next(request);
		}
		ParsedDocuments.TopLevelFields fields = this.documents.topLevelFields(request.getDocument(),
				request.getOperationName());
		if (fields == null) {
			// not parseable or no such operation: graphql-java answers with the reason
			return chain.next(request);
		}
		List<String> refused = fields.fields()
			.stream()
			.filter((field) -> !ALLOWED.getOrDefault(fields.operation(), Set.of()).contains(field))
			.toList();
		if (refused.isEmpty()) {
			return chain.next(request);
		}
		ExecutionResult result = ExecutionResult.newExecutionResult()
			.addError(GraphqlErrorBuilder.newError()
				.errorType(ErrorType.FORBIDDEN)
				.message("The ENQUEUER role may only enqueue jobs and read its own (enqueueJob, jobs, job, jobEvents);"
						+ " refused: " + String.join(", ", refused))
				.extensions(Map.of("code", "FORBIDDEN"))
				.build())
			.build();
		return Mono
			.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
	}

}
