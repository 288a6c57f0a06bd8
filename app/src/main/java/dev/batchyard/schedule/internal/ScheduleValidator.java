package dev.batchyard.schedule.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueNotFoundException;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.engine.Payloads;
import dev.batchyard.schedule.InvalidCronException;
import dev.batchyard.schedule.InvalidScheduleException;
import dev.batchyard.schedule.OverlapPolicy;
import dev.batchyard.schedule.ScheduleRequest;
import dev.batchyard.schedule.ScheduleUpdate;
import org.quartz.CronExpression;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Checks a schedule's settings before anything is written, so that a bad request changes
 * nothing and a schedule never fires into an enqueue that must fail.
 *
 * @author Batchyard
 */
class ScheduleValidator {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

	private final QueueCatalog catalog;

	private final Map<String, JobType<?>> types;

	private final JsonMapper json;

	private final int payloadLimitBytes;

	private final Clock clock;

	ScheduleValidator(QueueCatalog catalog, ObjectProvider<JobType<?>> jobTypes, JsonMapper json, int payloadLimitBytes,
			Clock clock) {
		this.clock = clock;
		this.catalog = catalog;
		this.types = jobTypes.orderedStream()
			.collect(Collectors.toMap((type) -> type.descriptor().name(), Function.identity(), (a, b) -> a,
					TreeMap::new));
		this.json = json;
		this.payloadLimitBytes = payloadLimitBytes;
	}

	ScheduleRow valid(ScheduleRequest request) {
		String name = request.name();
		require(name != null && NAME.matcher(name).matches(), "name",
				"name must be 1 to 200 letters, digits, '.', '_', '-' or ':', starting with a letter or digit");
		JobType<?> type = type(request.type());
		String queueName = (request.queueName() != null) ? request.queueName() : type.descriptor().defaultQueue();
		return valid(new ScheduleRow(name, type.descriptor().name(), queueName, request.cron(),
				(request.timezone() != null) ? request.timezone() : "UTC", payload(request.payload()),
				request.description(), request.priority(), (request.enabled() != null) ? request.enabled() : true, null,
				null, 0, null, or(request.overlapPolicy(), OverlapPolicy.SKIP), null, false));
	}

	ScheduleRow valid(ScheduleRow current, ScheduleUpdate update) {
		return valid(new ScheduleRow(current.name(), or(update.type(), current.type()),
				or(update.queueName(), current.queueName()), or(update.cron(), current.cron()),
				or(update.timezone(), current.timezone()),
				(update.payload() != null) ? payload(update.payload()) : current.payload(),
				or(update.description(), current.description()), or(update.priority(), current.priority()),
				or(update.enabled(), current.enabled()), current.lastRunAt(), current.nextRunAt(), current.runCount(),
				current.lastFiredFor(), or(update.overlapPolicy(), current.overlapPolicy()), current.lastJobId(),
				current.pendingRun()));
	}

	private ScheduleRow valid(ScheduleRow row) {
		JobType<?> type = type(row.type());
		if (this.catalog.find(row.queueName()).isEmpty()) {
			throw new QueueNotFoundException(row.queueName());
		}
		ZoneId zone = zone(row.timezone());
		cron(row.cron(), zone);
		Integer priority = row.priority();
		require(priority == null || (priority >= 1 && priority <= 10), "priority",
				"priority must be between 1 and 10 (was " + priority + ")");
		require(row.description() == null || row.description().length() <= 1000, "description",
				"description must be at most 1000 characters");
		checkPayload(row.payload(), type);
		return row;
	}

	private JobType<?> type(String name) {
		require(name != null && !name.isBlank(), "type", "type is required: the name of a job type");
		JobType<?> type = this.types.get(name);
		if (type == null) {
			throw new InvalidScheduleException("type",
					"Unknown job type '" + name + "'; the known types are " + String.join(", ", this.types.keySet()));
		}
		return type;
	}

	private static ZoneId zone(String timezone) {
		try {
			return ZoneId.of(timezone);
		}
		catch (DateTimeException ex) {
			throw new InvalidScheduleException("timezone",
					"Unknown timezone '" + timezone + "': give a zone id such as 'UTC' or 'Europe/Berlin'");
		}
	}

	/** Quartz's parser decides; a valid expression must also fire at least once. */
	private void cron(String cron, ZoneId zone) {
		if (cron == null || cron.isBlank()) {
			throw new InvalidCronException(String.valueOf(cron), "a cron expression is required");
		}
		if (cron.length() > 120) {
			throw new InvalidCronException(cron, "it is longer than 120 characters");
		}
		try {
			CronExpression.validateExpression(cron);
			CronExpression expression = new CronExpression(cron);
			expression.setTimeZone(TimeZone.getTimeZone(zone));
			if (expression.getNextValidTimeAfter(Date.from(this.clock.instant())) == null) {
				throw new InvalidCronException(cron, "it never fires after now");
			}
		}
		catch (ParseException ex) {
			throw new InvalidCronException(cron, reason(ex));
		}
	}

	/**
	 * Quartz's sentence without the Java exception it may append ("Illegal cron
	 * expression format (java.lang.NumberFormatException: ...)"): no Java reaches a
	 * client (found by the fuzz suite).
	 */
	private static String reason(ParseException ex) {
		String message = String.valueOf(ex.getMessage());
		int java = message.indexOf(" (java.");
		return (java >= 0) ? message.substring(0, java) : message;
	}

	private String payload(String payload) {
		return (payload != null && !payload.isBlank()) ? payload : "{}";
	}

	private void checkPayload(String payload, JobType<?> type) {
		int size = payload.getBytes(StandardCharsets.UTF_8).length;
		require(size <= this.payloadLimitBytes, "payload",
				"payload is " + size + " bytes; the limit is " + this.payloadLimitBytes + " bytes");
		Payloads.refusal(this.json, payload, type).ifPresent((refusal) -> {
			throw new InvalidScheduleException(refusal.argument(), refusal.message());
		});
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static void require(boolean condition, String argument, String message) {
		if (!condition) {
			throw new InvalidScheduleException(argument, message);
		}
	}

}
