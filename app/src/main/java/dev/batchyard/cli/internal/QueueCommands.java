package dev.batchyard.cli.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.batchyard.cli.internal.Commands.command;
import static dev.batchyard.cli.internal.Commands.set;

/**
 * {@code queues} with their health and depth, and {@code pause}, {@code resume},
 * {@code clean}.
 */
final class QueueCommands {

	private static final String QUEUES = """
			{ queues { name tier priority concurrency minWorkers maxWorkers timeout paused }
			  queuesHealth { queueName status metrics { waiting active delayed failed completed jobsPerMinute
			    p95ProcessingTimeMs poolSize busyWorkers } } }""";

	private static final String PAUSE = """
			mutation($queue: String!) { pauseQueue(queueName: $queue) { success queueName status } }""";

	private static final String RESUME = """
			mutation($queue: String!) { resumeQueue(queueName: $queue) { success queueName status } }""";

	private static final String CLEAN = """
			mutation($queue: String!, $input: CleanQueueInput!) {
			  cleanQueue(queueName: $queue, input: $input) { success queueName status removed } }""";

	private QueueCommands() {
	}

	static List<Command> all() {
		return List.of(
				command("queues", "", 0, 0, "Every queue with its health, jobs by state, rate, p95 and workers.",
						List.of(), List.of(), QueueCommands::queues),
				command("queues pause", "<queue>", 1, 1,
						"Pauses a queue on every node: nothing more is claimed; running jobs finish.", List.of(),
						List.of(), (invocation) -> control(invocation, PAUSE, "pauseQueue")),
				command("queues resume", "<queue>", 1, 1, "Resumes a paused queue on every node.", List.of(), List.of(),
						(invocation) -> control(invocation, RESUME, "resumeQueue")),
				command("queues clean", "<queue>", 1, 1,
						"Removes a queue's jobs in --state (required: COMPLETED, FAILED, DELAYED or WAITING) older than --grace ms, at most --limit.",
						List.of("state", "grace", "limit"), List.of(), QueueCommands::clean));
	}

	private static Output queues(Invocation invocation) {
		JsonNode data = invocation.execute(QUEUES, invocation.variables());
		Map<String, JsonNode> health = new HashMap<>();
		data.path("queuesHealth").forEach((status) -> health.put(status.path("queueName").asString(), status));
		Table table = Table.of("NAME", "TIER", "STATUS", "PAUSED", "WAITING", "ACTIVE", "DELAYED", "FAILED",
				"COMPLETED", "JOBS/MIN", "P95 MS", "WORKERS", "MIN-MAX");
		for (JsonNode queue : data.path("queues")) {
			JsonNode status = health.getOrDefault(queue.path("name").asString(), invocation.variables());
			JsonNode metrics = status.path("metrics");
			table.row(queue.path("name"), queue.path("tier"), status.path("status"), queue.path("paused"),
					metrics.path("waiting"), metrics.path("active"), metrics.path("delayed"), metrics.path("failed"),
					metrics.path("completed"), decimal(metrics.path("jobsPerMinute")),
					decimal(metrics.path("p95ProcessingTimeMs")),
					metrics.path("busyWorkers").asString("-") + "/" + metrics.path("poolSize").asString("-"),
					queue.path("minWorkers").asString() + "-" + queue.path("maxWorkers").asString());
		}
		return new Output(data, table.toString());
	}

	static String decimal(JsonNode number) {
		return number.isNumber() ? String.format(java.util.Locale.ROOT, "%.1f", number.asDouble()) : "-";
	}

	private static Output control(Invocation invocation, String document, String field) {
		JsonNode data = invocation.execute(document, invocation.variables().put("queue", invocation.argument(0)));
		JsonNode result = data.path(field);
		return new Output(data,
				Table.of("QUEUE", "STATUS").row(result.path("queueName"), result.path("status")).toString());
	}

	private static Output clean(Invocation invocation) {
		ObjectNode input = invocation.variables();
		String state = invocation.enumOption("state", "COMPLETED", "FAILED", "DELAYED", "WAITING");
		if (state == null) {
			throw invocation.bad("--state is required: COMPLETED, FAILED, DELAYED or WAITING.");
		}
		set(input, "status", state);
		set(input, "grace", invocation.longOption("grace"));
		set(input, "limit", invocation.intOption("limit"));
		ObjectNode variables = invocation.variables().put("queue", invocation.argument(0));
		variables.set("input", input);
		JsonNode data = invocation.execute(CLEAN, variables);
		JsonNode result = data.path("cleanQueue");
		return new Output(data,
				Table.of("QUEUE", "STATE", "REMOVED")
					.row(result.path("queueName"), result.path("status"), result.path("removed"))
					.toString());
	}

}
