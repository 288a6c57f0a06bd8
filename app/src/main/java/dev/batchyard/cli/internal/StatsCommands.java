package dev.batchyard.cli.internal;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.batchyard.cli.internal.Commands.command;
import static dev.batchyard.cli.internal.Commands.set;

/**
 * {@code stats} (the dashboard's figures) and {@code scale} (a queue's scaling policy).
 */
final class StatsCommands {

	private static final String DASHBOARD = """
			{ dashboard { totalQueues healthyQueues warningQueues criticalQueues totalWaiting totalActive totalFailed
			  activeAlerts avgJobsPerMinute avgErrorRate timestamp } }""";

	private static final String SCALE = """
			mutation($queue: String!, $input: UpdateScalingPolicyInput!) {
			  updateScalingPolicy(queueName: $queue, input: $input) { success policy { queueName minWorkers maxWorkers
			    scaleUpThreshold { queueDepth queueLatencyMs cpuPercent memoryPercent }
			    scaleDownThreshold { queueDepth queueLatencyMs cpuPercent memoryPercent }
			    cooldownSeconds { scaleUp scaleDown } } } }""";

	private StatsCommands() {
	}

	static List<Command> all() {
		return List.of(command("stats", "", 0, 0, "The dashboard's figures across every queue.", List.of(), List
			.of(), StatsCommands::stats), command("scale", "<queue>", 1, 1,
					"Changes a queue's scaling policy (updateScalingPolicy); the values given replace the effective ones.",
					List.of("min", "max", "up-depth", "up-latency", "up-cpu", "up-memory", "down-depth", "down-latency",
							"down-cpu", "down-memory", "cooldown-up", "cooldown-down"),
					List.of(), StatsCommands::scale));
	}

	private static Output stats(Invocation invocation) {
		JsonNode data = invocation.execute(DASHBOARD, invocation.variables());
		return new Output(data,
				Table
					.fields(data.path("dashboard"), "totalQueues", "healthyQueues", "warningQueues", "criticalQueues",
							"totalWaiting", "totalActive", "totalFailed", "activeAlerts", "avgJobsPerMinute",
							"avgErrorRate", "timestamp")
					.toString());
	}

	private static Output scale(Invocation invocation) {
		ObjectNode input = invocation.variables();
		set(input, "minWorkers", invocation.intOption("min"));
		set(input, "maxWorkers", invocation.intOption("max"));
		ObjectNode up = thresholds(invocation, "up");
		ObjectNode down = thresholds(invocation, "down");
		ObjectNode cooldown = invocation.variables();
		set(cooldown, "scaleUp", invocation.intOption("cooldown-up"));
		set(cooldown, "scaleDown", invocation.intOption("cooldown-down"));
		if (!up.isEmpty()) {
			input.set("scaleUpThreshold", up);
		}
		if (!down.isEmpty()) {
			input.set("scaleDownThreshold", down);
		}
		if (!cooldown.isEmpty()) {
			input.set("cooldownSeconds", cooldown);
		}
		if (input.isEmpty()) {
			throw invocation.bad("Give at least one value to change, e.g. --max 10.");
		}
		ObjectNode variables = invocation.variables().put("queue", invocation.argument(0));
		variables.set("input", input);
		JsonNode data = invocation.execute(SCALE, variables);
		return new Output(data,
				Table.fields(data.path("updateScalingPolicy").path("policy"), "queueName", "minWorkers", "maxWorkers",
						"scaleUpThreshold.queueDepth", "scaleUpThreshold.queueLatencyMs", "scaleUpThreshold.cpuPercent",
						"scaleUpThreshold.memoryPercent", "scaleDownThreshold.queueDepth",
						"scaleDownThreshold.queueLatencyMs", "scaleDownThreshold.cpuPercent",
						"scaleDownThreshold.memoryPercent", "cooldownSeconds.scaleUp", "cooldownSeconds.scaleDown")
					.toString());
	}

	private static ObjectNode thresholds(Invocation invocation, String direction) {
		ObjectNode thresholds = invocation.variables();
		set(thresholds, "queueDepth", invocation.intOption(direction + "-depth"));
		set(thresholds, "queueLatencyMs", invocation.longOption(direction + "-latency"));
		set(thresholds, "cpuPercent", invocation.doubleOption(direction + "-cpu"));
		set(thresholds, "memoryPercent", invocation.doubleOption(direction + "-memory"));
		return thresholds;
	}

}
