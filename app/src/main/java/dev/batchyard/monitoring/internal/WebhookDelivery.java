package dev.batchyard.monitoring.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.batchyard.monitoring.MonitoringProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs an alert change to a webhook as Slack-compatible JSON: {@code text} is the line a
 * chat shows, {@code alert} the whole alert for machines. With a secret, the body's
 * HMAC-SHA256 goes in {@code X-Batchyard-Signature: sha256=<hex>}. Any status but 2xx is
 * a failed attempt.
 *
 * @author Batchyard
 */
final class WebhookDelivery {

	static final String SIGNATURE_HEADER = "X-Batchyard-Signature";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json;

	WebhookDelivery(JsonMapper json) {
		this.json = json;
	}

	void send(MonitoringProperties.Webhook webhook, String alertJson) throws IOException, InterruptedException {
		JsonNode alert = this.json.readTree(alertJson);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("text", text(alert));
		body.put("alert", alert);
		String payload = this.json.writeValueAsString(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url()))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
		if (webhook.secret() != null && !webhook.secret().isEmpty()) {
			request.header(SIGNATURE_HEADER, "sha256=" + sign(webhook.secret(), payload));
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IOException("Webhook " + webhook.name() + " answered HTTP " + response.statusCode());
		}
	}

	static String text(JsonNode alert) {
		return "[" + alert.path("severity").asString() + "] " + alert.path("queueName").asString() + ": "
				+ alert.path("message").asString() + " (" + alert.path("event").asString().toLowerCase() + ")";
	}

	static String sign(String secret, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
