package dev.batchyard.schedule.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.schedule.OverlapPolicy;
import dev.batchyard.schedule.Schedule;
import dev.batchyard.schedule.ScheduleAlreadyExistsException;
import dev.batchyard.schedule.ScheduleFired;
import dev.batchyard.schedule.ScheduleNotFoundException;
import dev.batchyard.schedule.ScheduleRequest;
import dev.batchyard.schedule.ScheduleUpdate;
import dev.batchyard.schedule.Schedules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Schedules in {@code schedule_meta} and Quartz, changed together in one transaction; and
 * what a firing does: enqueue one job and count the run.
 *
 * @author Batchyard
 */
class ScheduleService implements Schedules {

	private static final Logger logger = LoggerFactory.getLogger(ScheduleService.class);

	private final ScheduleStore store;

	private final ScheduleTriggers triggers;

	private final ScheduleValidator validator;

	private final QueueCatalog catalog;

	private final Jobs jobs;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Counter secondFirings;

	private final QueueControls controls;

	private final Counter heldBack;

	ScheduleService(ScheduleStore store, ScheduleTriggers triggers, ScheduleValidator validator, QueueCatalog catalog,
			Jobs jobs, QueueControls controls, TransactionTemplate transactions, ApplicationEventPublisher events,
			Clock clock, MeterRegistry meters) {
		this.controls = controls;
		this.heldBack = Counter.builder("batchyard.schedule.firings.skipped")
			.description("Ticks that enqueued nothing because the schedule's last job was unfinished"
					+ " (overlap policy SKIP or BUFFER_ONE)")
			.register(meters);
		this.store = store;
		this.triggers = triggers;
		this.validator = validator;
		this.catalog = catalog;
		this.jobs = jobs;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
		this.secondFirings = Counter.builder("batchyard.schedule.firings.dropped")
			.description("Firings of a schedule for a tick it had already fired for, dropped without a job")
			.register(meters);
	}

	@Override
	public Schedule create(ScheduleRequest request) {
		ScheduleRow valid = this.validator.valid(request);
		return this.transactions.execute((status) -> {
			if (this.store.exists(valid.name())) {
				throw new ScheduleAlreadyExistsException(valid.name());
			}
			ScheduleRow row = withNextRun(valid, this.triggers.write(valid, priority(valid)));
			try {
				this.store.insert(row, this.clock.instant());
			}
			catch (DuplicateKeyException ex) {
				throw new ScheduleAlreadyExistsException(valid.name());
			}
			return schedule(row);
		});
	}

	@Override
	public Schedule update(String name, ScheduleUpdate update) {
		return this.transactions.execute((status) -> {
			ScheduleRow current = this.store.lock(name).orElseThrow(() -> new ScheduleNotFoundException(name));
			ScheduleRow changed = this.validator.valid(current, update);
			boolean triggerChanged = !changed.cron().equals(current.cron())
					|| !changed.timezone().equals(current.timezone()) || priority(changed) != priority(current)
					|| changed.enabled() != current.enabled();
			ScheduleRow row = triggerChanged ? withNextRun(changed, this.triggers.write(changed, priority(changed)))
					: changed;
			this.store.update(row, this.clock.instant());
			return schedule(this.store.find(name).orElseThrow());
		});
	}

	@Override
	public void delete(String name) {
		this.transactions.executeWithoutResult((status) -> {
			if (!this.store.delete(name)) {
				throw new ScheduleNotFoundException(name);
			}
			this.triggers.delete(name);
		});
	}

	@Override
	public Schedule enable(String name) {
		return this.transactions.execute((status) -> {
			ScheduleRow current = this.store.lock(name).orElseThrow(() -> new ScheduleNotFoundException(name));
			if (current.enabled()) {
				return schedule(current);
			}
			ScheduleRow enabled = withEnabled(current, true);
			ScheduleRow row = withNextRun(enabled, this.triggers.write(enabled, priority(enabled)));
			this.store.update(row, this.clock.instant());
			return schedule(this.store.find(name).orElseThrow());
		});
	}

	@Override
	public Schedule disable(String name) {
		return this.transactions.execute((status) -> {
			ScheduleRow current = this.store.lock(name).orElseThrow(() -> new ScheduleNotFoundException(name));
			if (!current.enabled()) {
				return schedule(current);
			}
			ScheduleRow row = withNextRun(withEnabled(current, false), null);
			this.triggers.pause(name);
			this.store.update(row, this.clock.instant());
			return schedule(this.store.find(name).orElseThrow());
		});
	}

	@Override
	public Job trigger(String name) {
		return this.transactions.execute((status) -> {
			ScheduleRow row = this.store.lock(name).orElseThrow(() -> new ScheduleNotFoundException(name));
			Job job = this.jobs.enqueue(request(row)).job();
			this.store.recordRun(name, this.clock.instant());
			return job;
		});
	}

	@Override
	public Optional<Schedule> find(String name) {
		return this.store.find(name).map(this::schedule);
	}

	@Override
	public List<Schedule> all() {
		return this.store.all().stream().map(this::schedule).toList();
	}

	/**
	 * What a firing of the schedule's trigger does: enqueue one job and record the run,
	 * in one transaction that holds the schedule's row, unless the schedule was deleted
	 * or disabled meanwhile or this tick has already enqueued.
	 * @param name the schedule
	 * @param tick the scheduled fire time
	 * @param firedAt when Quartz fired
	 * @param nextRunAt the trigger's next fire time, or null to read it from Quartz
	 * @param instanceId the Quartz instance that fired
	 */
	void fire(String name, Instant tick, Instant firedAt, Instant nextRunAt, String instanceId) {
		Long jobId;
		try {
			cancelOther(name, tick);
			jobId = this.transactions.execute((status) -> enqueueFiring(name, tick, firedAt, nextRunAt));
		}
		catch (RuntimeException ex) {
			logger.warn("Schedule '{}' could not enqueue its job for {}: {}", name, tick, ex.getMessage(), ex);
			return;
		}
		if (jobId != null) {
			this.events.publishEvent(new ScheduleFired(name, jobId, tick, firedAt, instanceId));
		}
	}

	private Long enqueueFiring(String name, Instant tick, Instant firedAt, Instant nextRunAt) {
		ScheduleRow row = this.store.lock(name).orElse(null);
		if (row == null || !row.enabled()) {
			return null;
		}
		if (secondFiring(row, tick)) {
			logger.warn("Schedule '{}' fired a second time for {}; the job of the first firing stands", name, tick);
			this.secondFirings.increment();
			return null;
		}
		Instant next = (nextRunAt != null) ? nextRunAt : this.triggers.nextFireTime(name);
		OverlapPolicy policy = row.overlapPolicy();
		if ((policy == OverlapPolicy.SKIP || policy == OverlapPolicy.BUFFER_ONE) && lastJobUnfinished(row)) {
			this.store.recordHeldBack(name, tick, next, policy == OverlapPolicy.BUFFER_ONE);
			this.heldBack.increment();
			return null;
		}
		Job job = this.jobs.enqueue(request(row)).job();
		this.store.recordFiring(name, firedAt, tick, next, job.id());
		return job.id();
	}

	private static boolean secondFiring(ScheduleRow row, Instant tick) {
		return row.lastFiredFor() != null && !tick.isAfter(row.lastFiredFor());
	}

	/** Whether the job the last firing enqueued may still run; a deleted one may not. */
	private boolean lastJobUnfinished(ScheduleRow row) {
		return row.lastJobId() != null
				&& this.jobs.find(row.lastJobId()).map((job) -> job.state().unfinished()).orElse(false);
	}

	/**
	 * CANCEL_OTHER: cancels the last firing's job, if unfinished, before the tick's job
	 * is enqueued. In a call of its own, outside the firing's transaction: the cancel
	 * interrupts a job running here at once, which must not happen before the cancelled
	 * state is committed. A job that finishes meanwhile is left as it is.
	 */
	private void cancelOther(String name, Instant tick) {
		ScheduleRow row = this.store.find(name).orElse(null);
		if (row == null || !row.enabled() || row.overlapPolicy() != OverlapPolicy.CANCEL_OTHER
				|| secondFiring(row, tick) || !lastJobUnfinished(row)) {
			return;
		}
		try {
			this.controls.cancel(row.lastJobId());
		}
		catch (RuntimeException ex) {
			logger.debug("Schedule '{}' could not cancel job {}: {}", name, row.lastJobId(), ex.getMessage());
		}
	}

	/**
	 * BUFFER_ONE: enqueues the pending run of every schedule whose last job has finished.
	 * Every node calls this every second, so a pending run starts within about a second
	 * of the job it waited for, whichever node ran that job and even when that node died.
	 * @return how many runs were enqueued
	 */
	int startPendingRuns() {
		int started = 0;
		for (String name : this.store.withPendingRun()) {
			Long jobId = this.transactions.execute((status) -> startPendingRun(name));
			if (jobId != null) {
				started++;
			}
		}
		return started;
	}

	private Long startPendingRun(String name) {
		ScheduleRow row = this.store.lock(name).orElse(null);
		if (row == null || !row.pendingRun() || lastJobUnfinished(row)) {
			return null;
		}
		if (!row.enabled() || row.overlapPolicy() != OverlapPolicy.BUFFER_ONE) {
			this.store.dropPendingRun(name);
			return null;
		}
		Job job = this.jobs.enqueue(request(row)).job();
		this.store.recordPendingRun(name, this.clock.instant(), job.id());
		return job.id();
	}

	private EnqueueRequest request(ScheduleRow row) {
		return EnqueueRequest.of(row.type(), row.payload())
			.onQueue(row.queueName())
			.withPriority(priority(row))
			.fromSchedule(row.name());
	}

	/** The priority given, else the queue's tier. */
	private int priority(ScheduleRow row) {
		return (row.priority() != null) ? row.priority()
				: this.catalog.find(row.queueName()).map(QueueDefinition::priority).orElse(5);
	}

	private Schedule schedule(ScheduleRow row) {
		return new Schedule(row.name(), row.type(), row.queueName(), row.cron(), row.timezone(), row.payload(),
				row.description(), row.enabled(), priority(row), row.lastRunAt(), row.nextRunAt(), row.runCount(),
				row.overlapPolicy());
	}

	private static ScheduleRow withNextRun(ScheduleRow row, Instant nextRunAt) {
		return new ScheduleRow(row.name(), row.type(), row.queueName(), row.cron(), row.timezone(), row.payload(),
				row.description(), row.priority(), row.enabled(), row.lastRunAt(), nextRunAt, row.runCount(),
				row.lastFiredFor(), row.overlapPolicy(), row.lastJobId(), row.pendingRun());
	}

	private static ScheduleRow withEnabled(ScheduleRow row, boolean enabled) {
		return new ScheduleRow(row.name(), row.type(), row.queueName(), row.cron(), row.timezone(), row.payload(),
				row.description(), row.priority(), enabled, row.lastRunAt(), row.nextRunAt(), row.runCount(),
				row.lastFiredFor(), row.overlapPolicy(), row.lastJobId(), row.pendingRun());
	}

}
