package dev.batchyard.monitoring.internal;

import dev.batchyard.monitoring.MonitoringProperties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mails an alert change through Spring Mail to the configured recipients.
 *
 * @author Batchyard
 */
final class EmailDelivery {

	private final JavaMailSender mail;

	private final JsonMapper json;

	EmailDelivery(JavaMailSender mail, JsonMapper json) {
		this.mail = mail;
		this.json = json;
	}

	void send(MonitoringProperties.EmailChannel channel, String alertJson) {
		JsonNode alert = this.json.readTree(alertJson);
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(channel.from());
		message.setTo(channel.to().toArray(String[]::new));
		message.setSubject("[Batchyard] " + WebhookDelivery.text(alert));
		StringBuilder text = new StringBuilder();
		alert.properties()
			.forEach((field) -> text.append(field.getKey())
				.append(": ")
				.append(field.getValue().isNull() ? "" : field.getValue().asString())
				.append('\n'));
		message.setText(text.toString());
		this.mail.send(message);
	}

}
