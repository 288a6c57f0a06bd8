package dev.batchyard.schedule;

/**
 * A change to a schedule: every field is optional, and null leaves it as it is. A new
 * cron or timezone takes effect from the next tick computed from now; a firing already
 * under way finishes with the old settings.
 *
 * @param type the job type to enqueue
 * @param queueName the queue
 * @param cron the Quartz cron expression
 * @param timezone the zone id
 * @param payload the payload as JSON
 * @param description what it is for
 * @param priority 1 (first) to 10
 * @param enabled whether it fires (as {@link Schedules#enable} or
 * {@link Schedules#disable})
 * @param overlapPolicy what a tick does while the last firing's job is unfinished
 * @author Batchyard
 */
public record ScheduleUpdate(String type, String queueName, String cron, String timezone, String payload,
		String description, Integer priority, Boolean enabled, OverlapPolicy overlapPolicy) {

	/** An update that changes nothing yet. */
	public static ScheduleUpdate none() {
		return new ScheduleUpdate(null, null, null, null, null, null, null, null, null);
	}

	public ScheduleUpdate type(String type) {
		return new ScheduleUpdate(type, this.queueName, this.cron, this.timezone, this.payload, this.description,
				this.priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleUpdate queueName(String queueName) {
		return new ScheduleUpdate(this.type, queueName, this.cron, this.timezone, this.payload, this.description,
				this.priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleUpdate cron(String cron) {
		return new ScheduleUpdate(this.type, this.queueName, cron, this.timezone, this.payload, this.description,
				this.priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleUpdate timezone(String timezone) {
		return new ScheduleUpdate(this.type, this.queueName, this.cron, timezone, this.payload, this.description,
				this.priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleUpdate payload(String payload) {
		return new ScheduleUpdate(this.type, this.queueName, this.cron, this.timezone, payload, this.description,
				this.priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleUpdate description(String description) {
		return new ScheduleUpdate(this.type, this.queueName, this.cron, this.timezone, this.payload, description,
				this.priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleUpdate priority(Integer priority) {
		return new ScheduleUpdate(this.type, this.queueName, this.cron, this.timezone, this.payload, this.description,
				priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleUpdate enabled(Boolean enabled) {
		return new ScheduleUpdate(this.type, this.queueName, this.cron, this.timezone, this.payload, this.description,
				this.priority, enabled, this.overlapPolicy);
	}

	public ScheduleUpdate overlapPolicy(OverlapPolicy overlapPolicy) {
		return new ScheduleUpdate(this.type, this.queueName, this.cron, this.timezone, this.payload, this.description,
				this.priority, this.enabled, overlapPolicy);
	}

}
