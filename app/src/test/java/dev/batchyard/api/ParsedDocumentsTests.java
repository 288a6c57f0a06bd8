package dev.batchyard.api;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedDocumentsTests {

	private final ParsedDocuments documents = new ParsedDocuments();

	private final AtomicInteger parses = new AtomicInteger();

	private final Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate = (input) -> {
		this.parses.incrementAndGet();
		return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
	};

	@Test
	void aRepeatedDocumentIsParsedAndValidatedOnce() {
		for (int i = 0; i < 5; i++) {
			ExecutionInput input = ExecutionInput
				.newExecutionInput("mutation($t: String!) { enqueueJob(input: { type: $t }) { id } }")
				.variables(java.util.Map.of("t", "probe-" + i))
				.build();
			assertThat(this.documents.getDocumentAsync(input, this.parseAndValidate).join().getDocument()).isNotNull();
		}

		assertThat(this.parses).hasValue(1);
	}

	@Test
	void graphQlJavaGetsItsDocumentsFromHere() {
		org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder builder = org.springframework.graphql.execution.GraphQlSource
			.schemaResourceBuilder()
			.schemaResources(new org.springframework.core.io.ByteArrayResource("type Query { n: Int }".getBytes()));
		this.documents.customize(builder);

		assertThat(builder.build().graphQl().getPreparsedDocumentProvider()).isSameAs(this.documents);
	}

	@Test
	void aDocumentThatFailedValidationIsNotKept() {
		Function<ExecutionInput, PreparsedDocumentEntry> invalid = (input) -> {
			this.parses.incrementAndGet();
			return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError().message("no such field").build());
		};
		ExecutionInput input = ExecutionInput.newExecutionInput("{ nope }").build();

		this.documents.getDocumentAsync(input, invalid).join();
		assertThat(this.documents.getDocumentAsync(input, invalid).join().hasErrors()).isTrue();

		assertThat(this.parses).hasValue(2);
	}

	@Test
	void topLevelFieldsSeeThroughFragmentsAndPickTheNamedOperation() {
		String document = """
				query A { jobs { totalCount } ... on Query { queues { name } } ...More }
				mutation B { pauseQueue(queueName: "x") { success } }
				fragment More on Query { auditLog { id } }""";

		ParsedDocuments.TopLevelFields a = this.documents.topLevelFields(document, "A");
		ParsedDocuments.TopLevelFields b = this.documents.topLevelFields(document, "B");

		assertThat(a.operation()).isEqualTo(OperationDefinition.Operation.QUERY);
		assertThat(a.fields()).containsExactly("jobs", "queues", "auditLog");
		assertThat(b.operation()).isEqualTo(OperationDefinition.Operation.MUTATION);
		assertThat(b.fields()).containsExactly("pauseQueue");
		assertThat(this.documents.topLevelFields("{ broken", null)).isNull();
		assertThat(this.documents.topLevelFields(document, "C")).isNull();
	}

}
