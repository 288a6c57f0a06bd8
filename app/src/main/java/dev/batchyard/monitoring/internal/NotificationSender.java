package dev.batchyard.monitoring.internal;

import java.time.Duration;
import java.util.Optional;

import dev.batchyard.monitoring.MonitoringProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.mail.javamail.JavaMailSender;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the outbox's due notifications, on a thread of every node
 * ({@code notify@<node>}): a node takes a notification for one attempt (others skip it
 * meanwhile), and a failed attempt is retried after a backoff that doubles from
 * {@code initial-backoff} up to {@code max-backoff}, until {@code max-attempts}, when the
 * notification is given up and logged. Delivery never holds up monitoring: the monitoring
 * run only writes the outbox.
 *
 * @author Batchyard
 */
public final class NotificationSender implements Runnable {

	private static final Log logger = LogFactory.getLog(NotificationSender.class);

	private static final Duration LEASE = Duration.ofMinutes(1);

	private final NotificationOutbox outbox;

	private final MonitoringProperties.Notifications settings;

	private final WebhookDelivery webhooks;

	private final EmailDelivery email;

	private volatile boolean running;

	private Thread thread;

	public NotificationSender(NotificationOutbox outbox, MonitoringProperties.Notifications settings, JsonMapper json,
			JavaMailSender mail) {
		this.outbox = outbox;
		this.settings = settings;
		this.webhooks = new WebhookDelivery(json);
		this.email = (mail != null) ? new EmailDelivery(mail, json) : null;
		if (mail == null && !settings.email().to().isEmpty()) {
			logger.warn("batchyard.monitoring.notifications.email.to is set but no mail server is configured"
					+ " (spring.mail.host): alert emails are kept in the outbox and given up");
		}
	}

	/** Delivers what is due now; returns how many were delivered. */
	public int deliverDue() {
		int delivered = 0;
		for (NotificationOutbox.Pending pending : this.outbox.due(20)) {
			if (!this.outbox.claim(pending, LEASE)) {
				continue;
			}
			int attempt = pending.attempts() + 1;
			try {
				deliver(pending);
				this.outbox.sent(pending.id());
				delivered++;
			}
			catch (Exception ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				boolean giveUp = attempt >= this.settings.maxAttempts();
				String error = String.valueOf(ex.getMessage());
				this.outbox.failed(pending.id(), error, backoff(attempt), giveUp);
				if (giveUp) {
					logger.error("Gave up the " + pending.channel() + " notification " + pending.id() + " after "
							+ attempt + " attempts: " + error + "; the alert was " + pending.body());
				}
				else {
					logger.warn("Attempt " + attempt + " of the " + pending.channel() + " notification " + pending.id()
							+ " failed (retried in " + backoff(attempt) + "): " + error);
				}
			}
		}
		return delivered;
	}

	private void deliver(NotificationOutbox.Pending pending) throws Exception {
		if (pending.channel().startsWith(NotificationOutbox.WEBHOOK)) {
			String name = pending.channel().substring(NotificationOutbox.WEBHOOK.length());
			Optional<MonitoringProperties.Webhook> webhook = this.settings.webhooks()
				.stream()
				.filter((candidate) -> candidate.name().equals(name))
				.findFirst();
			if (webhook.isEmpty()) {
				throw new IllegalStateException("No webhook is configured under the name '" + name + "' any more");
			}
			this.webhooks.send(webhook.get(), pending.body());
		}
		else if (this.email != null) {
			this.email.send(this.settings.email(), pending.body());
		}
		else {
			throw new IllegalStateException("No mail server is configured (spring.mail.host)");
		}
	}

	/** The wait after a failed attempt: initial backoff doubled per attempt, capped. */
	Duration backoff(int attempt) {
		Duration backoff = this.settings.initialBackoff();
		for (int i = 1; i < attempt && backoff.compareTo(this.settings.maxBackoff()) < 0; i++) {
			backoff = backoff.multipliedBy(2);
		}
		return (backoff.compareTo(this.settings.maxBackoff()) > 0) ? this.settings.maxBackoff() : backoff;
	}

	public void start(String nodeId) {
		this.running = true;
		this.thread = Thread.ofPlatform().name("notify-alerts@" + nodeId).daemon(true).start(this);
	}

	public void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
			try {
				this.thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void run() {
		while (this.running) {
			try {
				deliverDue();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not deliver alert notifications now; they stay in the outbox: " + ex.getMessage());
			}
			try {
				Thread.sleep(this.settings.deliveryInterval());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

}
