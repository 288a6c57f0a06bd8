package dev.batchyard.engine.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.engine.EngineProperties;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Enqueued;
import dev.batchyard.engine.InvalidJobRequestException;
import dev.batchyard.engine.MemoryAdmission;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.Payloads;
import dev.batchyard.engine.internal.JobStore.NewJob;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enqueues jobs: resolves every default from the job type and the queue, validates the
 * request (the payload against the type's payload class), inserts the row and wakes the
 * queue's dispatchers, on this node at once and on others through the store.
 *
 * @author Batchyard
 */
class EnqueueService implements Jobs {

	private static final long MIN_TIMEOUT_MS = 1000;

	private static final long MAX_TIMEOUT_MS = 7_200_000;

	private static final Duration MAX_DELAY = Duration.ofDays(3650);

	private static final Duration MAX_BACKOFF_DELAY = Duration.ofDays(30);

	private static final int MAX_CUSTOM_DELAYS = 50;

	private final QueueCatalog catalog;

	private final JobTypeRegistry types;

	private final JobStore store;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	private final Wakeups wakeups;

	private final EngineProperties properties;

	private final JobEvents events;

	private final MemoryAdmission memory;

	EnqueueService(QueueCatalog catalog, JobTypeRegistry types, JobStore store, TransactionTemplate transactions,
			JsonMapper json, Clock clock, Wakeups wakeups, EngineProperties properties, JobEvents events,
			MemoryAdmission memory) {
		this.memory = memory;
		this.catalog = catalog;
		this.types = types;
		this.store = store;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
		this.wakeups = wakeups;
		this.properties = properties;
		this.events = events;
	}

	@Override
	public Enqueued enqueue(EnqueueRequest request) {
		return enqueueAll(List.of(request)).get(0);
	}

	@Override
	public List<Enqueued> enqueueAll(List<EnqueueRequest> requests) {
		Instant now = this.clock.instant();
		List<NewJob> jobs = requests.stream().map((request) -> resolve(request, now)).toList();
		List<Long> ids = insertRacingDuplicates(jobs);
		List<Enqueued> results = new ArrayList<>();
		for (int i = 0; i < jobs.size(); i++) {
			long id = ids.get(i);
			if (id < 0) {
				results.add(new Enqueued(this.store.find(-id).orElseThrow(), true));
			}
			else {
				results.add(new Enqueued(jobs.get(i).asJob(id), false));
				afterCommit(jobs.get(i), id, now);
			}
		}
		return results;
	}

	/**
	 * Wakes the queue's dispatcher and publishes the job's first state once the job is
	 * visible: at once, or, when the enqueue joined a caller's transaction (a schedule
	 * firing), when that commits.
	 */
	private void afterCommit(NewJob job, long id, Instant now) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			enqueued(job, id, now);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				enqueued(job, id, now);
			}

		});
	}

	/** The event first: a woken dispatcher's ACTIVE event must not overtake it. */
	private void enqueued(NewJob job, long id, Instant now) {
		this.events.changed(id, job.queueName(), job.type(), job.state(), now);
		this.wakeups.enqueued(job.queueName(), job.runAt());
	}

	@Override
	public Optional<Job> find(long id) {
		return this.store.find(id);
	}

	/**
	 * Inserts in one transaction. A concurrent enqueue with the same dedupe key can win
	 * the unique index between our check and our insert: then the whole batch is tried
	 * again, and this time finds the winner.
	 */
	private List<Long> insertRacingDuplicates(List<NewJob> jobs) {
		try {
			return insert(jobs);
		}
		catch (DuplicateKeyException ex) {
			return insert(jobs);
		}
	}

	/** The ids, negative for a duplicate's existing job. */
	private List<Long> insert(List<NewJob> jobs) {
		if (jobs.size() == 1 && jobs.get(0).dedupeKey() == null) {
			// one statement is atomic on its own: no transaction, no COMMIT round trip
			// (inside a caller's transaction it joins that one)
			long id = this.store.insert(jobs.get(0));
			this.wakeups.notifyOtherNodes(List.of(jobs.get(0).queueName()));
			return List.of(id);
		}
		return this.transactions.execute((status) -> {
			List<Long> ids = new ArrayList<>();
			if (jobs.size() > 1 && jobs.stream().allMatch((job) -> job.dedupeKey() == null)) {
				// a bulk without dedupe keys: one JDBC batch
				ids.addAll(this.store.insertAll(jobs));
			}
			else {
				for (NewJob job : jobs) {
					Optional<Long> existing = (job.dedupeKey() != null)
							? this.store.findUnfinishedByDedupeKey(job.queueName(), job.dedupeKey()) : Optional.empty();
					ids.add(existing.map((id) -> -id).orElseGet(() -> this.store.insert(job)));
				}
			}
			this.wakeups.notifyOtherNodes(jobs.stream().map(NewJob::queueName).distinct().toList());
			return ids;
		});
	}

	private NewJob resolve(EnqueueRequest request, Instant now) {
		if (request.type() == null || request.type().isBlank()) {
			throw new InvalidJobRequestException("type", "type is required: the name of a job type");
		}
		JobType<?> type = this.types.get(request.type());
		String queueName = (request.queueName() != null) ? request.queueName() : type.descriptor().defaultQueue();
		QueueDefinition queue = this.catalog.get(queueName);
		this.memory.checkEnqueue(queue.name());
		String payload = validPayload(request.payload(), type);
		int priority = (request.priority() != null) ? request.priority() : queue.priority();
		require(priority >= 1 && priority <= 10, "priority",
				"priority must be between 1 and 10 (was " + priority + ")");
		Instant runAt = runAt(request, now);
		int maxAttempts = (request.maxAttempts() != null) ? request.maxAttempts()
				: type.maxAttempts().orElse(queue.retryPolicy().maxAttempts());
		require(maxAttempts >= 1 && maxAttempts <= 100, "maxAttempts",
				"maxAttempts must be between 1 and 100 (was " + maxAttempts + ")");
		Backoff backoff = (request.backoff() != null) ? request.backoff() : queue.retryPolicy().backoff();
		validate(backoff);
		Long timeoutMs = (request.timeout() != null) ? Long.valueOf(request.timeout().toMillis())
				: type.timeout().map(Duration::toMillis).orElse(null);
		require(timeoutMs == null || (timeoutMs >= MIN_TIMEOUT_MS && timeoutMs <= MAX_TIMEOUT_MS), "timeoutMs",
				"timeoutMs must be between 1000 and 7200000 (was " + timeoutMs + ")");
		String dedupeKey = request.dedupeKey();
		require(dedupeKey == null || (!dedupeKey.isBlank() && dedupeKey.length() <= 255), "dedupeKey",
				"dedupeKey must be 1 to 255 characters");
		// PostgreSQL cannot store it, and refused the whole insert
		require(dedupeKey == null || dedupeKey.indexOf('\u0000') < 0, "dedupeKey",
				"dedupeKey contains a NUL character (\\u0000), which cannot be stored");
		JobState state = runAt.isAfter(now) ? JobState.DELAYED : JobState.WAITING;
		return new NewJob(queue.name(), type.descriptor().name(), state, priority, payload, maxAttempts, backoff,
				timeoutMs, dedupeKey, request.scheduleName(), runAt, now, request.enqueuedBy());
	}

	private String validPayload(String payload, JobType<?> type) {
		String text = (payload != null && !payload.isBlank()) ? payload : "{}";
		int size = text.getBytes(StandardCharsets.UTF_8).length;
		require(size <= this.properties.defaultPayloadLimitBytes(), "payload",
				"payload is " + size + " bytes; the limit is " + this.properties.defaultPayloadLimitBytes() + " bytes");
		Payloads.refusal(this.json, text, type).ifPresent((refusal) -> {
			throw new InvalidJobRequestException(refusal.argument(), refusal.message());
		});
		return text;
	}

	private static Instant runAt(EnqueueRequest request, Instant now) {
		require(request.delay() == null || request.runAt() == null, "delayMs", "give delayMs or runAt, not both");
		if (request.delay() != null) {
			require(!request.delay().isNegative(), "delayMs", "delayMs must not be negative");
			require(request.delay().compareTo(MAX_DELAY) <= 0, "delayMs",
					"delayMs must be at most " + MAX_DELAY.toMillis() + " (ten years); for a later start give runAt");
			return now.plus(request.delay());
		}
		return (request.runAt() != null && request.runAt().isAfter(now)) ? request.runAt() : now;
	}

	private static void validate(Backoff backoff) {
		require(!backoff.delay().isNegative() && !backoff.maxDelay().isNegative()
				&& backoff.delays().stream().noneMatch(Duration::isNegative), "backoff",
				"backoff delays must not be negative");
		// the delays are kept in one column; past these a retry would wait for years
		require(backoff.delays().size() <= MAX_CUSTOM_DELAYS, "backoff.delaysMs", "backoff.delaysMs may list at most "
				+ MAX_CUSTOM_DELAYS + " delays (was " + backoff.delays().size() + "); the last one repeats");
		require(backoff.maxDelay().compareTo(MAX_BACKOFF_DELAY) <= 0
				&& backoff.delay().compareTo(MAX_BACKOFF_DELAY) <= 0,
				(backoff.type() == dev.batchyard.catalog.BackoffType.CUSTOM) ? "backoff.delaysMs" : "backoff.delayMs",
				"a backoff delay must be at most " + MAX_BACKOFF_DELAY.toMillis() + " ms (30 days)");
		require(backoff.jitter() >= 0 && backoff.jitter() <= 1, "backoff.jitter",
				"backoff.jitter must be between 0 and 1: the fraction a delay may vary by (was " + backoff.jitter()
						+ ")");
	}

	private static void require(boolean condition, String argument, String message) {
		if (!condition) {
			throw new InvalidJobRequestException(argument, message);
		}
	}

}
