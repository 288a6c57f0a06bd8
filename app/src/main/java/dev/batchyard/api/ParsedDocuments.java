package dev.batchyard.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Parses each distinct GraphQL document once. Clients send the same few documents over
 * and over (an application's {@code enqueueJob} with variables, a dashboard's polls), so
 * graphql-java gets the parsed and validated document from here
 * ({@link PreparsedDocumentProvider}) instead of parsing and validating it for every
 * request, and the interceptors that look at a request's top-level fields (audit, role
 * guard) share one parse too. Only documents that parsed and validated are kept, at most
 * {@value #MAX_DOCUMENTS} of each kind; past that the memory starts over. The schema
 * never changes while a node runs, so a validated document stays valid.
 *
 * @author Batchyard
 */
@Component
class ParsedDocuments implements PreparsedDocumentProvider, GraphQlSourceBuilderCustomizer {

	static final int MAX_DOCUMENTS = 1000;

	private final Map<String, PreparsedDocumentEntry> validated = new ConcurrentHashMap<>();

	private final Map<String, Document> parsed = new ConcurrentHashMap<>();

	@Override
	public void customize(GraphQlSource.SchemaResourceBuilder builder) {
		builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(this));
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		PreparsedDocumentEntry entry = this.validated.get(input.getQuery());
		if (entry == null) {
			entry = parseAndValidate.apply(input);
			if (!entry.hasErrors()) {
				keep(this.validated, input.getQuery(), entry);
			}
		}
		return CompletableFuture.completedFuture(entry);
	}

	/**
	 * The top-level fields of the operation a request runs.
	 * @param document the document as sent
	 * @param operationName the operation to run, or null for the only one
	 * @return the operation's type and fields, or null if the document does not parse or
	 * has no such operation
	 */
	TopLevelFields topLevelFields(String document, String operationName) {
		Document parsedDocument = parse(document);
		if (parsedDocument == null) {
			return null;
		}
		OperationDefinition operation = parsedDocument.getDefinitionsOfType(OperationDefinition.class)
			.stream()
			.filter((candidate) -> operationName == null || operationName.equals(candidate.getName()))
			.findFirst()
			.orElse(null);
		if (operation == null) {
			return null;
		}
		List<String> fields = new ArrayList<>();
		collect(operation.getSelectionSet(), parsedDocument, fields, 0);
		return new TopLevelFields(operation.getOperation(), List.copyOf(fields));
	}

	private Document parse(String document) {
		if (document == null) {
			return null;
		}
		Document found = this.parsed.get(document);
		if (found == null) {
			try {
				found = Parser.parse(document);
			}
			catch (InvalidSyntaxException ex) {
				return null;
			}
			keep(this.parsed, document, found);
		}
		return found;
	}

	/** Field names at the top, through inline fragments and fragment spreads. */
	private static void collect(SelectionSet selections, Document document, List<String> fields, int depth) {
		if (selections == null || depth > 10) {
			return;
		}
		for (Selection<?> selection : selections.getSelections()) {
			if (selection instanceof Field field) {
				fields.add(field.getName());
			}
			else if (selection instanceof InlineFragment fragment) {
				collect(fragment.getSelectionSet(), document, fields, depth + 1);
			}
			else if (selection instanceof FragmentSpread spread) {
				document.getDefinitionsOfType(FragmentDefinition.class)
					.stream()
					.filter((definition) -> definition.getName().equals(spread.getName()))
					.forEach((definition) -> collect(definition.getSelectionSet(), document, fields, depth + 1));
			}
		}
	}

	private static <V> void keep(Map<String, V> memory, String key, V value) {
		if (memory.size() >= MAX_DOCUMENTS) {
			memory.clear();
		}
		memory.put(key, value);
	}

	/**
	 * What a request runs at the top.
	 *
	 * @param operation query, mutation or subscription
	 * @param fields the field names, in order
	 */
	record TopLevelFields(OperationDefinition.Operation operation, List<String> fields) {

	}

}
