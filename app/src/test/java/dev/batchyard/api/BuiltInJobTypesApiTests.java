package dev.batchyard.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in job types' payloads are checked by enqueueJob over HTTP: a bad field is
 * refused with INVALID_PARAMETERS and its name, and nothing is enqueued; a good payload
 * goes to the type's default queue.
 */
class BuiltInJobTypesApiTests extends ApiTestSupport {

	static Stream<Arguments> badPayloads() {
		return Stream.of(
		// @formatter:off
			Arguments.of("send-email", Map.of("subject", "Hi", "text", "x"), "to is required", "payload.to"),
			Arguments.of("send-email", Map.of("to", List.of("not an address"), "subject", "Hi", "text", "x"),
					"to has a bad address", "payload.to"),
			Arguments.of("send-email", Map.of("to", List.of("a@example.com"), "text", "x"), "subject is required", "payload.subject"),
			Arguments.of("send-email", Map.of("to", List.of("a@example.com"), "subject", "Hi"), "text or html", "payload.text"),
			Arguments.of("send-email", Map.of("to", List.of("a@example.com"), "subject", "Hi", "text", "x",
					"attachments", List.of(Map.of("filename", "p", "path", "../../etc/passwd"))),
					"attachments[].path", "payload.attachments[0].path"),
			Arguments.of("send-email", Map.of("to", List.of("a@example.com"), "subject", "Hi", "text", "x",
					"attachments", List.of(Map.of("filename", "p", "base64", "***"))), "attachments[].base64", "payload.attachments[0].base64"),
			Arguments.of("http-request", Map.of("url", "ftp://example.com/x"), "url must be an absolute http", "payload.url"),
			Arguments.of("http-request", Map.of(), "url is required", "payload.url"),
			Arguments.of("http-request", Map.of("url", "https://example.com", "method", "BREW"), "method must be", "payload.method"),
			Arguments.of("http-request", Map.of("url", "https://example.com", "timeoutMs", 0), "timeoutMs must be", "payload.timeoutMs"),
			Arguments.of("http-request", Map.of("url", "https://example.com", "retryOn", List.of(700)), "retryOn", "payload.retryOn"),
			Arguments.of("webhook-delivery", Map.of("url", "https://example.com/hook"), "event is required", "payload.event"),
			Arguments.of("webhook-delivery", Map.of("event", "order.paid"), "url is required", "payload.url"),
			Arguments.of("file-cleanup", Map.of("directory", "/etc"), "is not under an allowed directory",
					"payload.directory"),
			Arguments.of("database-backup", Map.of("keep", 0), "keep must be between 1 and 1000", "payload.keep"),
			Arguments.of("database-backup", Map.of("directory", "backups"), "directory must be an absolute path",
					"payload.directory"),
			Arguments.of("database-backup", Map.of("source", "nope"), "source nope is not configured",
					"payload.source"),
			Arguments.of("database-backup", Map.of("encrypt", true), "encryption-key is not set", "payload.encrypt"),
			Arguments.of("report-generation", Map.of("view", "users"), "view must be one of", "payload.view"),
			Arguments.of("report-generation", Map.of("query", "DELETE FROM job"), "query must be a SELECT",
					"payload.query"),
			Arguments.of("report-generation", Map.of("query", "SELECT * FROM api_token"), "query is not allowed",
					"payload.query"),
			Arguments.of("report-generation", Map.of("format", "xml"), "format must be csv or json",
					"payload.format"),
			Arguments.of("report-generation", Map.of("fileName", "../escape.csv"), "fileName must be a plain file name",
					"payload.fileName"),
			Arguments.of("report-generation", Map.of("chunkSize", 0), "chunkSize must be between",
					"payload.chunkSize"),
			Arguments.of("file-cleanup", Map.of("directory", "relative/dir"), "directory must be an absolute path", "payload.directory"),
			Arguments.of("file-cleanup", Map.of("directory", "/tmp/x", "olderThan", "7 days"),
					"olderThan must be an ISO-8601 duration", "payload.olderThan"),
			Arguments.of("file-cleanup", Map.of("directory", "/tmp/x", "patterns", List.of("[unclosed")),
					"patterns has a bad glob", "payload.patterns"));
		// @formatter:on
	}

	@ParameterizedTest(name = "{0} {2}")
	@MethodSource("badPayloads")
	void aBadPayloadIsRefusedNamingItsFieldAndNothingIsEnqueued(String type, Map<String, Object> payload,
			String message, String field) {
		long before = totalJobs();

		Response response = admin().graphql(ENQUEUE, Map.of("input", Map.of("type", type, "payload", payload)));

		assertThat(response.errorCode()).as(response.body()).isEqualTo("INVALID_PARAMETERS");
		assertThat(response.json().path("errors").path(0).path("message").asString()).contains(type, message);
		assertThat(response.json().path("errors").path(0).path("extensions").path("argument").asString())
			.isEqualTo(field);
		assertThat(totalJobs()).isEqualTo(before);
	}

	@Test
	void goodPayloadsGoToTheirTypesDefaultQueues() {
		Map<String, Object> later = Map.of("delayMs", 3_600_000);
		assertThat(queueOf("send-email", Map.of("to", List.of("a@example.com"), "subject", "Hi", "text", "x"), later))
			.isEqualTo("scheduled-emails");
		assertThat(queueOf("http-request", Map.of("url", "https://example.com"), later)).isEqualTo("default");
		assertThat(queueOf("file-cleanup", Map.of("directory", "/tmp/nothing-here"), later))
			.isEqualTo("upload-cleanup");
		assertThat(queueOf("database-backup", Map.of(), later)).isEqualTo("low-priority");
		assertThat(queueOf("report-generation", Map.of(), later)).isEqualTo("low-priority");
		JsonNode webhook = enqueue(Map.of("type", "webhook-delivery", "delayMs", 3_600_000, "payload",
				Map.of("url", "https://example.com/hook", "event", "order.paid")));
		assertThat(webhook.path("maxAttempts").asInt()).isEqualTo(15);
	}

	private String queueOf(String type, Map<String, Object> payload, Map<String, Object> options) {
		Map<String, Object> input = new java.util.HashMap<>(options);
		input.put("type", type);
		input.put("payload", payload);
		return enqueue(input).path("queueName").asString();
	}

	private long totalJobs() {
		return admin().graphql("{ jobs { totalCount } }").json().path("data").path("jobs").path("totalCount").asLong();
	}

}
