package dev.batchyard.cli.internal;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.batchyard.cli.internal.Commands.command;
import static dev.batchyard.cli.internal.Commands.required;
import static dev.batchyard.cli.internal.Commands.set;

/**
 * {@code schedules}, and {@code create}, {@code trigger}, {@code enable},
 * {@code disable}.
 */
final class ScheduleCommands {

	private static final String FIELDS = "name type queueName cron timezone enabled priority lastRunAt nextRunAt runCount";

	private ScheduleCommands() {
	}

	static List<Command> all() {
		return List.of(command("schedules", "", 0, 0, "Every schedule with its cron, last and next run.", List
			.of(), List.of(), ScheduleCommands::schedules), command("schedules create", "<name>", 1, 1,
					"Creates a schedule; --type and --cron (Quartz, seconds first: '0 */5 * * * ?') are required; enabled unless --disabled.",
					List.of("type", "cron", "queue", "timezone", "payload", "description", "priority"),
					List.of("disabled"), ScheduleCommands::create),
				command("schedules trigger", "<name>", 1, 1, "Enqueues one job of the schedule now.", List.of(),
						List.of(), ScheduleCommands::trigger),
				command("schedules enable", "<name>", 1, 1, "Resumes firing from the next tick.", List.of(), List.of(),
						(invocation) -> toggle(invocation, "enableSchedule")),
				command("schedules disable", "<name>", 1, 1, "Stops firing on every node.", List.of(), List.of(),
						(invocation) -> toggle(invocation, "disableSchedule")));
	}

	private static Table rows() {
		return Table.of("NAME", "TYPE", "QUEUE", "CRON", "TIMEZONE", "ENABLED", "PRIORITY", "LAST RUN", "NEXT RUN",
				"RUNS");
	}

	private static void row(Table table, JsonNode schedule) {
		table.row(schedule.path("name"), schedule.path("type"), schedule.path("queueName"), schedule.path("cron"),
				schedule.path("timezone"), schedule.path("enabled"), schedule.path("priority"),
				schedule.path("lastRunAt"), schedule.path("nextRunAt"), schedule.path("runCount"));
	}

	private static Output schedules(Invocation invocation) {
		JsonNode data = invocation.execute("{ schedules { " + FIELDS + " } }", invocation.variables());
		Table table = rows();
		data.path("schedules").forEach((schedule) -> row(table, schedule));
		return new Output(data, table.toString());
	}

	private static Output create(Invocation invocation) {
		ObjectNode input = invocation.variables().put("name", invocation.argument(0));
		input.put("type", required(invocation, "type"));
		input.put("cron", required(invocation, "cron"));
		set(input, "queueName", invocation.option("queue"));
		set(input, "timezone", invocation.option("timezone"));
		if (invocation.option("payload") != null) {
			input.set("payload", invocation.jsonValue("--payload", invocation.option("payload")));
		}
		set(input, "description", invocation.option("description"));
		set(input, "priority", invocation.intOption("priority"));
		if (invocation.flag("disabled")) {
			input.put("enabled", false);
		}
		ObjectNode variables = invocation.variables();
		variables.set("input", input);
		JsonNode data = invocation.execute(
				"mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { " + FIELDS + " } }",
				variables);
		Table table = rows();
		row(table, data.path("createSchedule"));
		return new Output(data, table.toString());
	}

	private static Output trigger(Invocation invocation) {
		JsonNode data = invocation.execute(
				"mutation($name: String!) { triggerSchedule(name: $name) {"
						+ " id queueName type state priority attempts maxAttempts runAt createdAt finishedAt } }",
				invocation.variables().put("name", invocation.argument(0)));
		Table table = JobCommands.rows();
		JobCommands.row(table, data.path("triggerSchedule"));
		return new Output(data, table.toString());
	}

	private static Output toggle(Invocation invocation, String field) {
		JsonNode data = invocation.execute("mutation($name: String!) { " + field + "(name: $name) { " + FIELDS + " } }",
				invocation.variables().put("name", invocation.argument(0)));
		Table table = rows();
		row(table, data.path(field));
		return new Output(data, table.toString());
	}

}
