package dev.batchyard.schedule;

import java.util.List;
import java.util.Optional;

import dev.batchyard.engine.Job;

/**
 * What the API and applications use to manage schedules. Every change writes
 * {@code schedule_meta} and Quartz's tables in one transaction: a call that throws has
 * changed nothing, and a change is seen by every node at once.
 *
 * @author Batchyard
 */
public interface Schedules {

	/**
	 * Creates a schedule; enabled unless the request says otherwise.
	 * @param request the request
	 * @return the schedule, with its next run
	 * @throws InvalidCronException for a cron Quartz cannot parse or that never fires
	 * ({@code INVALID_CRON})
	 * @throws ScheduleAlreadyExistsException when the name is taken
	 * @throws InvalidScheduleException for another bad argument (name, type, timezone,
	 * payload, priority, description)
	 * @throws dev.batchyard.catalog.QueueNotFoundException for an unknown queue
	 */
	Schedule create(ScheduleRequest request);

	/**
	 * Changes any subset of a schedule's settings. A new cron, timezone or priority
	 * replaces the trigger: the next run is computed from now.
	 * @param name the schedule
	 * @param update the changes
	 * @return the schedule after the change
	 * @throws ScheduleNotFoundException for an unknown name ({@code SCHEDULE_NOT_FOUND})
	 */
	Schedule update(String name, ScheduleUpdate update);

	/**
	 * Deletes a schedule and its trigger. Jobs it enqueued stay.
	 * @param name the schedule
	 * @throws ScheduleNotFoundException for an unknown name
	 */
	void delete(String name);

	/**
	 * Resumes firing from the next tick after now; ticks missed while disabled are not
	 * made up. Enabling an enabled schedule changes nothing.
	 * @param name the schedule
	 * @return the schedule
	 * @throws ScheduleNotFoundException for an unknown name
	 */
	Schedule enable(String name);

	/**
	 * Stops firing: the trigger is paused on every node. Once this returns no firing of
	 * the schedule enqueues another job; jobs already enqueued run.
	 * @param name the schedule
	 * @return the schedule
	 * @throws ScheduleNotFoundException for an unknown name
	 */
	Schedule disable(String name);

	/**
	 * Enqueues one job of the schedule now, whether or not it is enabled; it counts as a
	 * run (lastRunAt, runCount). The trigger's own ticks are not affected.
	 * @param name the schedule
	 * @return the enqueued job
	 * @throws ScheduleNotFoundException for an unknown name
	 */
	Job trigger(String name);

	/**
	 * A schedule by name.
	 * @param name the name
	 * @return the schedule, or empty
	 */
	Optional<Schedule> find(String name);

	/**
	 * Every schedule, by name.
	 * @return the schedules
	 */
	List<Schedule> all();

}
