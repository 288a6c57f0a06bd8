package dev.batchyard.api;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SchemaMappingCheckTests {

	@Test
	void aSchemaFieldThatNothingBacksStopsTheNode() {
		GraphQlSource.SchemaResourceBuilder builder = GraphQlSource.schemaResourceBuilder()
			.schemaResources(new ByteArrayResource("type Query { queueCount: Int }".getBytes()));
		new SchemaMappingCheck().customize(builder);

		assertThatExceptionOfType(SchemaMappingCheck.UnmappedSchemaException.class).isThrownBy(builder::build)
			.withMessageContaining("Unmapped fields: {Query=[queueCount]}");
	}

	@Test
	void aSchemaWhoseFieldsAreBackedStarts() {
		GraphQlSource.SchemaResourceBuilder builder = GraphQlSource.schemaResourceBuilder()
			.schemaResources(new ByteArrayResource("type Query { queueCount: Int }".getBytes()))
			.configureRuntimeWiring(
					(wiring) -> wiring.type("Query", (type) -> type.dataFetcher("queueCount", (environment) -> 30)));
		new SchemaMappingCheck().customize(builder);

		assertThatNoException().isThrownBy(builder::build);
	}

}
