package dev.batchyard.schedule;

/**
 * A request to create a schedule. Name, type and cron are required; the rest defaults:
 * the queue to the type's default queue, the timezone to UTC, the payload to {@code {}},
 * the priority to the queue's tier, and a new schedule is enabled.
 *
 * @param name the schedule's name: 1 to 200 letters, digits, {@code . _ - :}
 * @param type the job type to enqueue
 * @param queueName the queue, or null for the type's default queue
 * @param cron a Quartz cron expression: seconds, minutes, hours, day of month, month, day
 * of week and an optional year, e.g. {@code 0 0 3 * * ?} for 03:00 every day
 * @param timezone a zone id such as {@code Europe/Berlin} or {@code UTC}, or null for UTC
 * @param payload the payload as JSON, or null for {@code {}}; checked against the type
 * @param description what it is for, or null
 * @param priority 1 (first) to 10, or null for the queue's tier
 * @param enabled whether it fires, or null for {@code true}
 * @param overlapPolicy what a tick does while the last firing's job is unfinished, or
 * null for {@link OverlapPolicy#SKIP}
 * @author Batchyard
 */
public record ScheduleRequest(String name, String type, String queueName, String cron, String timezone, String payload,
		String description, Integer priority, Boolean enabled, OverlapPolicy overlapPolicy) {

	/**
	 * A request with every default.
	 * @param name the schedule's name
	 * @param type the job type
	 * @param cron the Quartz cron expression
	 * @return the request
	 */
	public static ScheduleRequest of(String name, String type, String cron) {
		return new ScheduleRequest(name, type, null, cron, null, null, null, null, null, null);
	}

	public ScheduleRequest onQueue(String queueName) {
		return new ScheduleRequest(this.name, this.type, queueName, this.cron, this.timezone, this.payload,
				this.description, this.priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleRequest inTimezone(String timezone) {
		return new ScheduleRequest(this.name, this.type, this.queueName, this.cron, timezone, this.payload,
				this.description, this.priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleRequest withPayload(String payload) {
		return new ScheduleRequest(this.name, this.type, this.queueName, this.cron, this.timezone, payload,
				this.description, this.priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleRequest withDescription(String description) {
		return new ScheduleRequest(this.name, this.type, this.queueName, this.cron, this.timezone, this.payload,
				description, this.priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleRequest withPriority(Integer priority) {
		return new ScheduleRequest(this.name, this.type, this.queueName, this.cron, this.timezone, this.payload,
				this.description, priority, this.enabled, this.overlapPolicy);
	}

	public ScheduleRequest withOverlapPolicy(OverlapPolicy overlapPolicy) {
		return new ScheduleRequest(this.name, this.type, this.queueName, this.cron, this.timezone, this.payload,
				this.description, this.priority, this.enabled, overlapPolicy);
	}

	public ScheduleRequest disabled() {
		return new ScheduleRequest(this.name, this.type, this.queueName, this.cron, this.timezone, this.payload,
				this.description, this.priority, false, this.overlapPolicy);
	}

}
