package dev.batchyard.cli.internal;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.batchyard.cli.internal.Commands.command;
import static dev.batchyard.cli.internal.Commands.set;

/**
 * {@code jobs} (a filtered page), {@code show}, {@code retry}, {@code cancel},
 * {@code delete}, {@code retry-failed}, and {@code enqueue}.
 */
final class JobCommands {

	static final String STATES = "WAITING, DELAYED, ACTIVE, COMPLETED, FAILED or CANCELLED";

	private static final String ROW = "id queueName type state priority attempts maxAttempts runAt createdAt finishedAt";

	private static final String JOBS = "query($filter: JobFilter, $first: Int, $after: String) {"
			+ " jobs(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }"
			+ " edges { node { " + ROW + " } } } }";

	private static final String JOB = "query($id: ID!) { job(id: $id) { id queueName type state priority payload"
			+ " progress attempts maxAttempts runAt createdAt startedAt finishedAt durationMs result workerId dedupeKey"
			+ " failures { attempt errorMessage timedOut stalled failedAt } logs } }";

	private static final String ENQUEUE = "mutation($input: EnqueueJobInput!) { enqueueJob(input: $input) { " + ROW
			+ " } }";

	private JobCommands() {
	}

	static List<Command> all() {
		return List.of(
				command("jobs", "", 0, 0,
						"Jobs, newest first, filtered by queue, state (" + STATES
								+ "), type and text in the payload or last error; --after <cursor> for the next page.",
						List.of("queue", "state", "type", "search", "first", "after"), List.of(), JobCommands::jobs),
				command("jobs show", "<id>", 1, 1, "One job with its payload, result, failures and logs.", List.of(),
						List.of(), JobCommands::show),
				command("jobs retry", "<id>", 1, 1, "Puts a failed or cancelled job back to waiting.", List.of(),
						List.of(), (invocation) -> change(invocation, "retryJob")),
				command("jobs cancel", "<id>", 1, 1, "Cancels a waiting, delayed or active job.", List.of(), List.of(),
						(invocation) -> change(invocation, "cancelJob")),
				command("jobs delete", "<id>", 1, 1, "Deletes a job with its result, failures and logs.", List.of(),
						List.of(), JobCommands::delete),
				command("jobs retry-failed", "<queue>", 1, 1,
						"Puts up to --limit (default 100) failed jobs of a queue back to waiting, oldest first.",
						List.of("limit"), List.of(), JobCommands::retryFailed),
				command("enqueue", "<type> [<payload JSON> | -]", 1, 2,
						"Enqueues a job; the payload is an argument, or read from standard input with -.",
						List.of("queue", "priority", "delay", "run-at", "max-attempts", "timeout", "dedupe-key"),
						List.of(), JobCommands::enqueue));
	}

	private static Output jobs(Invocation invocation) {
		ObjectNode filter = invocation.variables();
		set(filter, "queueName", invocation.option("queue"));
		set(filter, "state",
				invocation.enumOption("state", "WAITING", "DELAYED", "ACTIVE", "COMPLETED", "FAILED", "CANCELLED"));
		set(filter, "type", invocation.option("type"));
		set(filter, "search", invocation.option("search"));
		ObjectNode variables = invocation.variables();
		variables.set("filter", filter);
		set(variables, "first", invocation.intOption("first"));
		set(variables, "after", invocation.option("after"));
		JsonNode data = invocation.execute(JOBS, variables);
		JsonNode page = data.path("jobs");
		Table table = rows();
		page.path("edges").forEach((edge) -> row(table, edge.path("node")));
		StringBuilder text = new StringBuilder(table.toString());
		text.append(page.path("edges").size()).append(" of ").append(page.path("totalCount").asLong()).append(" jobs");
		if (page.path("pageInfo").path("hasNextPage").asBoolean()) {
			text.append("; next page: --after ").append(page.path("pageInfo").path("endCursor").asString());
		}
		return new Output(data, text.append('\n').toString());
	}

	static Table rows() {
		return Table.of("ID", "QUEUE", "TYPE", "STATE", "PRIORITY", "ATTEMPTS", "RUN AT", "CREATED", "FINISHED");
	}

	static void row(Table table, JsonNode job) {
		table.row(job.path("id"), job.path("queueName"), job.path("type"), job.path("state"), job.path("priority"),
				job.path("attempts").asString() + "/" + job.path("maxAttempts").asString(), job.path("runAt"),
				job.path("createdAt"), job.path("finishedAt"));
	}

	private static Output show(Invocation invocation) {
		String id = invocation.argument(0);
		JsonNode data = invocation.execute(JOB, invocation.variables().put("id", id));
		JsonNode job = data.path("job");
		if (job.isNull()) {
			throw new ApiException("JOB_NOT_FOUND", "No job has the id " + id + ".");
		}
		StringBuilder text = new StringBuilder(Table
			.fields(job, "id", "queueName", "type", "state", "priority", "progress", "attempts", "maxAttempts", "runAt",
					"createdAt", "startedAt", "finishedAt", "durationMs", "workerId", "dedupeKey", "payload", "result")
			.toString());
		if (!job.path("failures").isEmpty()) {
			Table failures = Table.of("ATTEMPT", "FAILED AT", "TIMED OUT", "STALLED", "ERROR");
			job.path("failures")
				.forEach((failure) -> failures.row(failure.path("attempt"), failure.path("failedAt"),
						failure.path("timedOut"), failure.path("stalled"), failure.path("errorMessage")));
			text.append("\nFailures:\n").append(failures);
		}
		if (!job.path("logs").isEmpty()) {
			text.append("\nLogs:\n");
			job.path("logs").forEach((line) -> text.append("  ").append(line.asString()).append('\n'));
		}
		return new Output(data, text.toString());
	}

	private static Output change(Invocation invocation, String field) {
		String document = "mutation($id: ID!) { " + field + "(id: $id) { " + ROW + " } }";
		JsonNode data = invocation.execute(document, invocation.variables().put("id", invocation.argument(0)));
		Table table = rows();
		row(table, data.path(field));
		return new Output(data, table.toString());
	}

	private static Output delete(Invocation invocation) {
		String id = invocation.argument(0);
		JsonNode data = invocation.execute("mutation($id: ID!) { deleteJob(id: $id) }",
				invocation.variables().put("id", id));
		return new Output(data, Table.of("ID", "DELETED").row(id, data.path("deleteJob")).toString());
	}

	private static Output retryFailed(Invocation invocation) {
		ObjectNode variables = invocation.variables().put("queue", invocation.argument(0));
		set(variables, "limit", invocation.intOption("limit"));
		JsonNode data = invocation.execute("mutation($queue: String!, $limit: Int) {"
				+ " retryFailedJobs(queueName: $queue, limit: $limit) { success queueName total retried failed errors } }",
				variables);
		JsonNode result = data.path("retryFailedJobs");
		StringBuilder text = new StringBuilder(Table.of("QUEUE", "TOTAL", "RETRIED", "FAILED")
			.row(result.path("queueName"), result.path("total"), result.path("retried"), result.path("failed"))
			.toString());
		result.path("errors").forEach((error) -> text.append("  ").append(error.asString()).append('\n'));
		return new Output(data, text.toString());
	}

	private static Output enqueue(Invocation invocation) {
		ObjectNode input = invocation.variables().put("type", invocation.argument(0));
		String payload = invocation.argument(1);
		if (payload != null) {
			input.set("payload", invocation.jsonValue("The payload", payload));
		}
		set(input, "queueName", invocation.option("queue"));
		set(input, "priority", invocation.intOption("priority"));
		set(input, "delayMs", invocation.longOption("delay"));
		set(input, "runAt", invocation.option("run-at"));
		set(input, "maxAttempts", invocation.intOption("max-attempts"));
		set(input, "timeoutMs", invocation.longOption("timeout"));
		set(input, "dedupeKey", invocation.option("dedupe-key"));
		ObjectNode variables = invocation.variables();
		variables.set("input", input);
		JsonNode data = invocation.execute(ENQUEUE, variables);
		Table table = rows();
		row(table, data.path("enqueueJob"));
		return new Output(data, table.toString());
	}

}
