package dev.batchyard.api;

import java.util.List;

import dev.batchyard.engine.Job;
import dev.batchyard.schedule.OverlapPolicy;
import dev.batchyard.schedule.Schedule;
import dev.batchyard.schedule.ScheduleRequest;
import dev.batchyard.schedule.ScheduleUpdate;
import dev.batchyard.schedule.Schedules;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The schedule operations: the {@code schedules} and {@code schedule} queries, and the
 * {@code createSchedule}, {@code updateSchedule}, {@code deleteSchedule},
 * {@code enableSchedule}, {@code disableSchedule} and {@code triggerSchedule} mutations
 * (ADMIN only).
 *
 * @author Batchyard
 */
@Controller
class ScheduleController {

	private final Schedules schedules;

	private final JsonMapper json;

	ScheduleController(Schedules schedules, JsonMapper json) {
		this.schedules = schedules;
		this.json = json;
	}

	@QueryMapping
	List<Schedule> schedules() {
		return this.schedules.all();
	}

	@QueryMapping
	Schedule schedule(@Argument String name) {
		return this.schedules.find(name).orElse(null);
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Schedule createSchedule(@Argument CreateScheduleInput input) {
		return this.schedules.create(new ScheduleRequest(input.name(), input.type(), input.queueName(), input.cron(),
				input.timezone(), JsonPayloads.toJson(input.payload(), this.json), input.description(),
				input.priority(), input.enabled(), input.overlapPolicy()));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Schedule updateSchedule(@Argument String name, @Argument UpdateScheduleInput input) {
		return this.schedules.update(name,
				new ScheduleUpdate(input.type(), input.queueName(), input.cron(), input.timezone(),
						JsonPayloads.toJson(input.payload(), this.json), input.description(), input.priority(),
						input.enabled(), input.overlapPolicy()));
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	boolean deleteSchedule(@Argument String name) {
		this.schedules.delete(name);
		return true;
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Schedule enableSchedule(@Argument String name) {
		return this.schedules.enable(name);
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Schedule disableSchedule(@Argument String name) {
		return this.schedules.disable(name);
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Job triggerSchedule(@Argument String name) {
		return this.schedules.trigger(name);
	}

	/**
	 * The GraphQL {@code CreateScheduleInput}.
	 *
	 * @param name the name
	 * @param type the job type
	 * @param queueName the queue, or null
	 * @param cron the cron expression
	 * @param timezone the zone, or null
	 * @param payload the payload as a JSON value, or null
	 * @param description what it is for, or null
	 * @param priority 1 to 10, or null
	 * @param enabled whether it fires, or null
	 * @param overlapPolicy what a tick does while the last firing's job is unfinished, or
	 * null for SKIP
	 */
	record CreateScheduleInput(String name, String type, String queueName, String cron, String timezone, Object payload,
			String description, Integer priority, Boolean enabled, OverlapPolicy overlapPolicy) {

	}

	/**
	 * The GraphQL {@code UpdateScheduleInput}: null leaves a setting as it is.
	 *
	 * @param type the job type
	 * @param queueName the queue
	 * @param cron the cron expression
	 * @param timezone the zone
	 * @param payload the payload as a JSON value
	 * @param description what it is for
	 * @param priority 1 to 10
	 * @param enabled whether it fires
	 * @param overlapPolicy what a tick does while the last firing's job is unfinished
	 */
	record UpdateScheduleInput(String type, String queueName, String cron, String timezone, Object payload,
			String description, Integer priority, Boolean enabled, OverlapPolicy overlapPolicy) {

	}

}
