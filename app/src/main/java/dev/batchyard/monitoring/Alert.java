package dev.batchyard.monitoring;

import java.time.Instant;

/**
 * An alert on one queue: at most one active alert per queue and type exists.
 *
 * @param id the id
 * @param severity WARNING or CRITICAL (a WARNING escalates in place)
 * @param queueName the queue
 * @param type what it watches
 * @param message a sentence such as "Queue depth: 215 >= 200"
 * @param value the measured value when it was raised or last changed
 * @param threshold the threshold it reached
 * @param timestamp when it was raised (again, after a lapsed acknowledgment)
 * @param createdAt when it was first raised
 * @param acknowledged whether an admin acknowledged it (and the acknowledgment has not
 * lapsed)
 * @param acknowledgedBy who acknowledged it last
 * @param acknowledgedAt when
 * @param resolvedAt when its condition cleared, or null while it is active
 * @author Batchyard
 */
public record Alert(long id, AlertSeverity severity, String queueName, AlertType type, String message, double value,
		double threshold, Instant timestamp, Instant createdAt, boolean acknowledged, String acknowledgedBy,
		Instant acknowledgedAt, Instant resolvedAt) {

	/** Whether its condition still holds. */
	public boolean active() {
		return this.resolvedAt == null;
	}

}
