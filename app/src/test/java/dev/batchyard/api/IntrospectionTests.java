package dev.batchyard.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.support.ApiClient.Response;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What GraphiQL, Apollo, Insomnia, Postman and graphql-codegen send first: the standard
 * introspection query, under the shipped query guards (12 levels, 1000 fields).
 */
class IntrospectionTests extends ApiTestSupport {

	/**
	 * graphql-js 16.15.0's {@code getIntrospectionQuery()} with its default options, byte
	 * for byte ({@code TypeRef} nests {@code ofType} 9 times; 16.8 and older nest it 7
	 * times, which is shallower).
	 */
	static final String GRAPHQL_JS_16 = resource("/introspection/graphql-js-16.15.0.graphql");

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void theStandardIntrospectionQueryReturnsTheWholeSchema() {
		Response response = viewer().graphql(GRAPHQL_JS_16);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		JsonNode schema = response.json().path("data").path("__schema");
		assertThat(schema.path("queryType").path("name").asString()).isEqualTo("Query");
		assertThat(schema.path("mutationType").path("name").asString()).isEqualTo("Mutation");
		assertThat(schema.path("subscriptionType").path("name").asString()).isEqualTo("Subscription");
		GraphQLSchema served = this.graphQlSource.schema();
		List<String> typeNames = new ArrayList<>();
		schema.path("types").forEach((type) -> typeNames.add(type.path("name").asString()));
		assertThat(typeNames).containsExactlyInAnyOrderElementsOf(
				served.getAllTypesAsList().stream().map(GraphQLNamedType::getName).toList());
		for (JsonNode type : schema.path("types")) {
			if (served.getType(type.path("name").asString()) instanceof GraphQLFieldsContainer container) {
				List<String> fieldNames = new ArrayList<>();
				type.path("fields").forEach((field) -> fieldNames.add(field.path("name").asString()));
				assertThat(fieldNames).as(container.getName())
					.containsExactlyInAnyOrderElementsOf(
							container.getFieldDefinitions().stream().map((field) -> field.getName()).toList());
			}
		}
		assertThat(typeNames).contains("Job", "Queue", "JobState", "EnqueueJobInput", "DateTime");
		assertThat(schema.path("directives").size()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void anIntrospectionThatRepeatsTypeFieldsIsRefusedWithACodeAndSaysWhy() {
		Response response = admin().graphql("{ __schema { types { fields { type { fields { name } } } } } }");

		assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETERS");
		String message = response.json().path("errors").path(0).path("message").asString();
		assertThat(message).startsWith("The introspection query was refused: __Type.fields is present too often");
		assertThat(
				response.json().path("data").path("__schema").isMissingNode() || response.json().path("data").isNull())
			.as(response.body())
			.isTrue();
	}

	@Test
	void anIntrospectionNestedPastGraphqlJavasLimitIsRefusedWithACode() {
		String deep = "{ __type(name: \"Query\") { " + "ofType { ".repeat(25) + "name" + " }".repeat(25) + " } }";

		Response response = admin().graphql(deep);

		assertThat(response.errorCode()).as(response.body()).isEqualTo("INVALID_PARAMETERS");
		assertThat(response.json().path("errors").path(0).path("message").asString())
			.startsWith("The introspection query was refused: the query is too big");
	}

	@Test
	void aQueryOnOurOwnTypesPastTheShippedComplexityIsStillRefused() {
		Response response = admin().graphql("{ " + "q: queues { name } ".repeat(501) + "}");

		assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(response.json().path("errors").path(0).path("message").asString())
			.isEqualTo("The query selects 1002 fields; at most 1000 are allowed");
	}

	private static String resource(String name) {
		try (InputStream in = IntrospectionTests.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
