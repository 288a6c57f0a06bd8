package dev.batchyard.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.batchyard.catalog.QueueNotFoundException;
import dev.batchyard.engine.InvalidJobRequestException;
import dev.batchyard.engine.JobNotFoundException;
import dev.batchyard.engine.WorkerNotFoundException;
import dev.batchyard.engine.QueueAlreadyPausedException;
import dev.batchyard.engine.QueueNotPausedException;
import dev.batchyard.limits.AdaptiveTimeoutRequiredException;
import dev.batchyard.limits.InvalidRateLimitException;
import dev.batchyard.limits.InvalidTimeoutException;
import dev.batchyard.limits.LimiterNotFoundException;
import dev.batchyard.monitoring.AlertNotFoundException;
import dev.batchyard.scaling.InvalidScalingPolicyException;
import dev.batchyard.schedule.InvalidCronException;
import dev.batchyard.schedule.InvalidScheduleException;
import dev.batchyard.schedule.ScheduleNotFoundException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The one place where exceptions get their error code (the codes the README's "GraphQL
 * API" section lists): each named exception maps to one {@code extensions.code} and a
 * message a person can act on. Add a method per exception as features arrive.
 *
 * @author Batchyard
 */
@ControllerAdvice
class ApiExceptionHandler {

	private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

	@GraphQlExceptionHandler
	GraphQLError limiterNotFound(LimiterNotFoundException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.NOT_FOUND, "LIMITER_NOT_FOUND", ex.getMessage(),
				Map.of("limiterName", ex.getLimiterName()));
	}

	@GraphQlExceptionHandler
	GraphQLError invalidRateLimit(InvalidRateLimitException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_RATE_LIMIT", ex.getMessage(),
				Map.of("argument", ex.getField()));
	}

	@GraphQlExceptionHandler
	GraphQLError invalidScalingPolicy(InvalidScalingPolicyException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, ex.rule().name(), ex.getMessage(),
				Map.of("argument", ex.field()));
	}

	@GraphQlExceptionHandler
	GraphQLError invalidTimeout(InvalidTimeoutException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_TIMEOUT", ex.getMessage(),
				Map.of("argument", ex.getField()));
	}

	@GraphQlExceptionHandler
	GraphQLError adaptiveTimeoutRequired(AdaptiveTimeoutRequiredException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_PARAMETERS", ex.getMessage(),
				Map.of("argument", "input.adaptiveEnabled", "queueName", ex.getQueueName(), "reason",
						"ADAPTIVE_TIMEOUT_REQUIRED_ON_CRITICAL_QUEUE"));
	}

	@GraphQlExceptionHandler
	GraphQLError invalidArgument(InvalidArgumentException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_PARAMETERS", ex.getMessage(),
				Map.of("argument", ex.argument()));
	}

	@GraphQlExceptionHandler
	GraphQLError invalidParameters(IllegalArgumentException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_PARAMETERS", ex.getMessage(), Map.of());
	}

	@GraphQlExceptionHandler
	GraphQLError alertNotFound(AlertNotFoundException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.NOT_FOUND, "ALERT_NOT_FOUND",
				ex.getMessage() + "; the alerts query lists them", Map.of("alertId", String.valueOf(ex.alertId())));
	}

	@GraphQlExceptionHandler
	GraphQLError jobNotFound(JobNotFoundException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.NOT_FOUND, "JOB_NOT_FOUND",
				"No job has the id " + ex.jobId() + "; the jobs query lists the existing ones",
				Map.of("jobId", String.valueOf(ex.jobId())));
	}

	@GraphQlExceptionHandler
	GraphQLError workerNotFound(WorkerNotFoundException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.NOT_FOUND, "WORKER_NOT_FOUND",
				ex.getMessage() + "; workersMemory lists this node's current workers",
				Map.of("workerId", ex.workerId()));
	}

	@GraphQlExceptionHandler
	GraphQLError queueNotFound(QueueNotFoundException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.NOT_FOUND, "QUEUE_NOT_FOUND",
				"No queue is named '" + ex.queueName() + "'; the queues query lists them",
				Map.of("queueName", ex.queueName()));
	}

	@GraphQlExceptionHandler
	GraphQLError queueAlreadyPaused(QueueAlreadyPausedException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "QUEUE_ALREADY_PAUSED", ex.getMessage(),
				Map.of("queueName", ex.queueName()));
	}

	@GraphQlExceptionHandler
	GraphQLError queueNotPaused(QueueNotPausedException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "QUEUE_NOT_PAUSED",
				ex.getMessage() + "; only a paused queue can be resumed", Map.of("queueName", ex.queueName()));
	}

	/** A bad timeoutMs is {@code INVALID_TIMEOUT}; any other bad argument is named. */
	@GraphQlExceptionHandler
	GraphQLError invalidJobRequest(InvalidJobRequestException ex, DataFetchingEnvironment environment) {
		String code = "timeoutMs".equals(ex.argument()) ? "INVALID_TIMEOUT" : "INVALID_PARAMETERS";
		return error(environment, ErrorType.BAD_REQUEST, code, ex.getMessage(), Map.of("argument", ex.argument()));
	}

	@GraphQlExceptionHandler
	GraphQLError scheduleNotFound(ScheduleNotFoundException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.NOT_FOUND, "SCHEDULE_NOT_FOUND",
				ex.getMessage() + "; the schedules query lists them", Map.of("name", ex.name()));
	}

	@GraphQlExceptionHandler
	GraphQLError invalidCron(InvalidCronException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_CRON", ex.getMessage()
				+ " (Quartz cron: seconds minutes hours day-of-month month day-of-week [year]," + " e.g. 0 0 3 * * ?)",
				Map.of("argument", ex.argument()));
	}

	@GraphQlExceptionHandler
	GraphQLError invalidSchedule(InvalidScheduleException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.BAD_REQUEST, "INVALID_PARAMETERS", ex.getMessage(),
				Map.of("argument", ex.argument()));
	}

	/**
	 * The store cannot be reached, or failed in a way that may pass: no connection, no
	 * transaction, a lock or query timeout.
	 */
	@GraphQlExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class })
	GraphQLError storeUnavailable(Exception ex, DataFetchingEnvironment environment) {
		logger.warn("The store is unavailable for " + path(environment) + ": " + ex.getMessage());
		return error(environment, ErrorType.INTERNAL_ERROR, "STORE_UNAVAILABLE",
				"The job store (database) is unavailable right now; nothing was changed, try again shortly", Map.of());
	}

	/**
	 * Anything else: the message carries only an id to find the stack trace in the log
	 * by, never the exception's own message (it may hold SQL or internals).
	 */
	@GraphQlExceptionHandler
	GraphQLError internalError(Exception ex, DataFetchingEnvironment environment) {
		String errorId = UUID.randomUUID().toString();
		logger.error("Unexpected error " + errorId + " in " + path(environment), ex);
		return error(environment, ErrorType.INTERNAL_ERROR, "INTERNAL_ERROR",
				"An unexpected error occurred; an admin can find error " + errorId + " in the node's log",
				Map.of("errorId", errorId));
	}

	/** Also catches Spring Security's {@code AuthorizationDeniedException}. */
	@GraphQlExceptionHandler
	GraphQLError forbidden(AccessDeniedException ex, DataFetchingEnvironment environment) {
		return error(environment, ErrorType.FORBIDDEN, "FORBIDDEN",
				"This operation needs the ADMIN role; ask an admin to do it or to grant you the role", Map.of());
	}

	private static GraphQLError error(DataFetchingEnvironment environment, ErrorType type, String code, String message,
			Map<String, Object> details) {
		GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError(environment).errorType(type).message(message);
		LinkedHashMap<String, Object> extensions = new LinkedHashMap<>(details);
		extensions.put("code", code);
		return builder.extensions(extensions).build();
	}

	private static String path(DataFetchingEnvironment environment) {
		return (environment != null) ? environment.getExecutionStepInfo().getPath().toString() : "a subscription";
	}

}
