package dev.batchyard.catalog.http;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import static dev.batchyard.catalog.spi.PayloadChecks.require;
import static dev.batchyard.catalog.spi.PayloadChecks.requireText;

/**
 * What a {@code webhook-delivery} job posts. Checked when the job is enqueued: a bad
 * field is refused with its name.
 *
 * @param url the receiver, an absolute http or https URL (required); its host must be
 * allowed by {@code batchyard.job-types.http.allowed-hosts} when the job runs
 * @param event the event type, such as {@code order.paid} (required)
 * @param data the event's data, any JSON; {@code null} by default
 * @param eventId the event id the receiver deduplicates on; default {@code evt_<job id>},
 * the same on every attempt
 * @param headers more request headers; none by default
 * @author Batchyard
 */
public record WebhookPayload(String url, String event, JsonNode data, String eventId, Map<String, String> headers) {

	public WebhookPayload {
		HttpRequestPayload.checkUrl("url", url);
		requireText("event", event, "the event type, such as order.paid");
		require(eventId == null || !eventId.isBlank(), "eventId", "eventId must not be blank when given");
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
	}

}
