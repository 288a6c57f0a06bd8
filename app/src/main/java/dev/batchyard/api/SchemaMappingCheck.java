package dev.batchyard.api;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.SchemaReport;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node whose GraphQL schema has a field, argument or type that nothing
 * backs (README "Architecture", decision 8): an unbacked field would answer null to every
 * admin UI.
 *
 * @author Batchyard
 */
@Component
class SchemaMappingCheck implements GraphQlSourceBuilderCustomizer {

	@Override
	public void customize(org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder builder) {
		builder.inspectSchemaMappings(SchemaMappingCheck::requireFullyMapped);
	}

	static void requireFullyMapped(SchemaReport report) {
		if (!report.unmappedFields().isEmpty() || !report.unmappedArguments().isEmpty()
				|| !report.unmappedRegistrations().isEmpty()) {
			throw new UnmappedSchemaException(report);
		}
	}

	/**
	 * The schema names something no controller or type backs.
	 */
	static final class UnmappedSchemaException extends IllegalStateException {

		UnmappedSchemaException(SchemaReport report) {
			super("The GraphQL schema has unmapped elements; every field must be backed: " + report);
		}

	}

}
