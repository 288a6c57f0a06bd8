package dev.batchyard.cli.internal;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.batchyard.cli.internal.Commands.command;
import static dev.batchyard.cli.internal.Commands.set;

/** {@code alerts} and {@code ack}. */
final class AlertCommands {

	private static final String FIELDS = "id severity queueName type message value threshold timestamp acknowledged"
			+ " acknowledgedBy acknowledgedAt resolvedAt";

	private AlertCommands() {
	}

	static List<Command> all() {
		return List.of(command("alerts", "", 0, 0,
				"Active unacknowledged alerts, newest first; --acknowledged for acknowledged ones, --all for both,"
						+ " --resolved to add those resolved in the last 168 h.",
				List.of("severity", "queue"), List.of("acknowledged", "all", "resolved"), AlertCommands::alerts),
				command("alerts ack", "<id>", 1, 1, "Acknowledges an alert: records who and when.", List.of(),
						List.of(), AlertCommands::acknowledge));
	}

	private static Table rows() {
		return Table.of("ID", "SEVERITY", "QUEUE", "TYPE", "MESSAGE", "RAISED", "ACKNOWLEDGED BY", "RESOLVED");
	}

	private static void row(Table table, JsonNode alert) {
		table.row(alert.path("id"), alert.path("severity"), alert.path("queueName"), alert.path("type"),
				alert.path("message"), alert.path("timestamp"), alert.path("acknowledgedBy"), alert.path("resolvedAt"));
	}

	private static Output alerts(Invocation invocation) {
		if (invocation.flag("acknowledged") && invocation.flag("all")) {
			throw invocation.bad("Give --acknowledged or --all, not both.");
		}
		ObjectNode variables = invocation.variables();
		set(variables, "severity", invocation.enumOption("severity", "WARNING", "CRITICAL"));
		set(variables, "queue", invocation.option("queue"));
		if (invocation.flag("all")) {
			variables.putNull("acknowledged");
		}
		else {
			variables.put("acknowledged", invocation.flag("acknowledged"));
		}
		variables.put("resolved", invocation.flag("resolved"));
		JsonNode data = invocation.execute("query($severity: AlertSeverity, $queue: String, $acknowledged: Boolean,"
				+ " $resolved: Boolean) { alerts(severity: $severity, queueName: $queue, acknowledged: $acknowledged,"
				+ " includeResolved: $resolved) { " + FIELDS + " } }", variables);
		Table table = rows();
		data.path("alerts").forEach((alert) -> row(table, alert));
		return new Output(data, table.toString());
	}

	private static Output acknowledge(Invocation invocation) {
		JsonNode data = invocation.execute(
				"mutation($id: ID!) { acknowledgeAlert(alertId: $id) { success alert { " + FIELDS + " } } }",
				invocation.variables().put("id", invocation.argument(0)));
		Table table = rows();
		row(table, data.path("acknowledgeAlert").path("alert"));
		return new Output(data, table.toString());
	}

}
