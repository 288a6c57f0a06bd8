package dev.batchyard.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.support.ApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule operations over HTTP: schedules, schedule, createSchedule, updateSchedule,
 * deleteSchedule, enableSchedule, disableSchedule, triggerSchedule, and their errors.
 */
class SchedulesApiTests extends ApiTestSupport {

	private static final String FIELDS = "name type queueName cron timezone payload description enabled priority"
			+ " lastRunAt nextRunAt runCount overlapPolicy";

	private static final String CREATE = "mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { "
			+ FIELDS + " } }";

	private static final String UPDATE = "mutation($name: String!, $input: UpdateScheduleInput!) {"
			+ " updateSchedule(name: $name, input: $input) { " + FIELDS + " } }";

	@AfterEach
	void deleteSchedules() {
		JsonNode schedules = admin().graphql("{ schedules { name } }").json().path("data").path("schedules");
		schedules.forEach((schedule) -> admin().graphql("mutation($n: String!) { deleteSchedule(name: $n) }",
				Map.of("n", schedule.path("name").asString())));
	}

	@Test
	void anAdminCreatesListsUpdatesAndDeletesASchedule() {
		JsonNode created = create("nightly-probe", "0 0 3 * * ?", Map.of("timezone", "Europe/Berlin", "payload",
				Map.of("sleepMs", 1), "description", "canary", "priority", 2));

		assertThat(created.path("type").asString()).isEqualTo("probe");
		assertThat(created.path("queueName").asString()).isEqualTo("default");
		assertThat(created.path("timezone").asString()).isEqualTo("Europe/Berlin");
		assertThat(created.path("payload").path("sleepMs").asInt()).isEqualTo(1);
		assertThat(created.path("enabled").asBoolean()).isTrue();
		assertThat(created.path("priority").asInt()).isEqualTo(2);
		assertThat(created.path("runCount").asLong()).isZero();
		assertThat(Instant.parse(created.path("nextRunAt").asString())).isAfter(Instant.now());

		assertThat(viewer().graphql("{ schedules { name } }").json().path("data").path("schedules").toString())
			.contains("nightly-probe");
		assertThat(viewer().graphql("{ schedule(name: \"nightly-probe\") { cron } }")
			.json()
			.path("data")
			.path("schedule")
			.path("cron")
			.asString()).isEqualTo("0 0 3 * * ?");

		JsonNode updated = admin()
			.graphql(UPDATE, Map.of("name", "nightly-probe", "input", Map.of("cron", "0 30 4 * * ?", "priority", 4)))
			.json()
			.path("data")
			.path("updateSchedule");
		assertThat(updated.path("cron").asString()).isEqualTo("0 30 4 * * ?");
		assertThat(updated.path("priority").asInt()).isEqualTo(4);
		assertThat(updated.path("description").asString()).isEqualTo("canary");

		Response deleted = admin().graphql("mutation { deleteSchedule(name: \"nightly-probe\") }");
		assertThat(deleted.json().path("data").path("deleteSchedule").asBoolean()).isTrue();
		assertThat(admin().graphql("{ schedule(name: \"nightly-probe\") { name } }")
			.json()
			.path("data")
			.path("schedule")
			.isNull()).isTrue();
	}

	@Test
	void theOverlapPolicyIsSkipUnlessGivenAndAnUpdateChangesIt() {
		JsonNode plain = create("overlap-default", "0 0 3 * * ?", Map.of());
		JsonNode buffered = create("overlap-buffer", "0 0 3 * * ?", Map.of("overlapPolicy", "BUFFER_ONE"));

		JsonNode updated = admin()
			.graphql(UPDATE, Map.of("name", "overlap-default", "input", Map.of("overlapPolicy", "CANCEL_OTHER")))
			.json()
			.path("data")
			.path("updateSchedule");
		Response unknown = admin().graphql(UPDATE,
				Map.of("name", "overlap-buffer", "input", Map.of("overlapPolicy", "QUEUE_ALL")));

		assertThat(plain.path("overlapPolicy").asString()).isEqualTo("SKIP");
		assertThat(buffered.path("overlapPolicy").asString()).isEqualTo("BUFFER_ONE");
		assertThat(updated.path("overlapPolicy").asString()).isEqualTo("CANCEL_OTHER");
		assertThat(unknown.errorCode()).as(unknown.body()).isEqualTo("INVALID_PARAMETERS");
		assertThat(viewer().graphql("{ schedule(name: \"overlap-buffer\") { overlapPolicy } }")
			.json()
			.path("data")
			.path("schedule")
			.path("overlapPolicy")
			.asString()).isEqualTo("BUFFER_ONE");
	}

	@Test
	void disableStopsTheNextRunAndEnableBringsItBack() {
		create("hourly-probe", "0 0 * * * ?", Map.of());

		JsonNode disabled = admin()
			.graphql("mutation { disableSchedule(name: \"hourly-probe\") { enabled nextRunAt } }")
			.json()
			.path("data")
			.path("disableSchedule");
		assertThat(disabled.path("enabled").asBoolean()).isFalse();
		assertThat(disabled.path("nextRunAt").isNull()).isTrue();

		JsonNode enabled = admin().graphql("mutation { enableSchedule(name: \"hourly-probe\") { enabled nextRunAt } }")
			.json()
			.path("data")
			.path("enableSchedule");
		assertThat(enabled.path("enabled").asBoolean()).isTrue();
		assertThat(enabled.path("nextRunAt").isNull()).isFalse();
	}

	@Test
	void triggerScheduleEnqueuesAJobNowThatRuns() {
		create("manual-probe", "0 0 3 1 1 ?", Map.of("queueName", "metrics-rollup", "payload", Map.of("steps", 1)));

		JsonNode job = admin()
			.graphql("mutation { triggerSchedule(name: \"manual-probe\") { id type queueName payload } }")
			.json()
			.path("data")
			.path("triggerSchedule");

		assertThat(job.path("type").asString()).isEqualTo("probe");
		assertThat(job.path("queueName").asString()).isEqualTo("metrics-rollup");
		awaitState(job.path("id").asString(), "COMPLETED");
		JsonNode schedule = admin().graphql("{ schedule(name: \"manual-probe\") { runCount lastRunAt } }")
			.json()
			.path("data")
			.path("schedule");
		assertThat(schedule.path("runCount").asLong()).isEqualTo(1);
		assertThat(schedule.path("lastRunAt").isNull()).isFalse();
	}

	@Test
	void aBadCronIsInvalidCronAndCreatesNothing() {
		Response response = admin().graphql(CREATE,
				Map.of("input", Map.of("name", "broken", "type", "probe", "cron", "every day at three")));

		assertThat(response.errorCode()).isEqualTo("INVALID_CRON");
		assertThat(response.json().path("errors").path(0).path("extensions").path("argument").asString())
			.isEqualTo("cron");
		assertThat(response.json().path("errors").path(0).path("message").asString()).contains("0 0 3 * * ?");
		assertThat(schedules()).isEmpty();
		assertThat(admin().graphql(UPDATE, Map.of("name", "broken", "input", Map.of("cron", "nope"))).errorCode())
			.isEqualTo("SCHEDULE_NOT_FOUND");
	}

	@Test
	void aTakenNameOrAnUnknownQueueIsRefusedByName() {
		create("taken", "0 0 3 * * ?", Map.of());

		Response taken = admin().graphql(CREATE,
				Map.of("input", Map.of("name", "taken", "type", "probe", "cron", "0 0 4 * * ?")));
		assertThat(taken.errorCode()).isEqualTo("INVALID_PARAMETERS");
		assertThat(taken.json().path("errors").path(0).path("extensions").path("argument").asString())
			.isEqualTo("name");

		Response queue = admin().graphql(CREATE, Map.of("input",
				Map.of("name", "elsewhere", "type", "probe", "cron", "0 0 4 * * ?", "queueName", "no-such-queue")));
		assertThat(queue.errorCode()).isEqualTo("QUEUE_NOT_FOUND");
		assertThat(schedules()).containsExactly("taken");
	}

	@Test
	void everyMutationOfAnUnknownScheduleIsScheduleNotFound() {
		for (String mutation : List.of("updateSchedule(name: \"ghost\", input: { priority: 3 }) { name }",
				"deleteSchedule(name: \"ghost\")", "enableSchedule(name: \"ghost\") { name }",
				"disableSchedule(name: \"ghost\") { name }", "triggerSchedule(name: \"ghost\") { id }")) {
			Response response = admin().graphql("mutation { " + mutation + " }");
			assertThat(response.errorCode()).as(mutation).isEqualTo("SCHEDULE_NOT_FOUND");
			assertThat(response.json().path("errors").path(0).path("extensions").path("name").asString())
				.isEqualTo("ghost");
		}
		assertThat(
				admin().graphql("{ schedule(name: \"ghost\") { name } }").json().path("data").path("schedule").isNull())
			.isTrue();
	}

	@Test
	void everyScheduleMutationOfAViewerIsForbiddenAndChangesNothing() {
		JsonNode before = create("guarded", "0 0 3 * * ?", Map.of());
		int jobs = count("SELECT COUNT(*) FROM job");

		for (String mutation : List.of(
				"createSchedule(input: { name: \"sneaky\", type: \"probe\", cron: \"0 0 3 * * ?\" }) { name }",
				"updateSchedule(name: \"guarded\", input: { cron: \"0 0 5 * * ?\" }) { name }",
				"deleteSchedule(name: \"guarded\")", "disableSchedule(name: \"guarded\") { name }",
				"enableSchedule(name: \"guarded\") { name }", "triggerSchedule(name: \"guarded\") { id }")) {
			Response response = viewer().graphql("mutation { " + mutation + " }");
			assertThat(response.errorCode()).as(mutation).isEqualTo("FORBIDDEN");
		}

		assertThat(schedules()).containsExactly("guarded");
		JsonNode after = admin().graphql("{ schedule(name: \"guarded\") { " + FIELDS + " } }")
			.json()
			.path("data")
			.path("schedule");
		assertThat(after).isEqualTo(before);
		assertThat(count("SELECT COUNT(*) FROM job")).isEqualTo(jobs);
	}

	private JsonNode create(String name, String cron, Map<String, Object> more) {
		Map<String, Object> input = new LinkedHashMap<>(Map.of("name", name, "type", "probe", "cron", cron));
		input.putAll(more);
		Response response = admin().graphql(CREATE, Map.of("input", input));
		assertThat(response.json().path("errors").isMissingNode()).as(response.body()).isTrue();
		return response.json().path("data").path("createSchedule");
	}

	private List<String> schedules() {
		List<String> names = new java.util.ArrayList<>();
		admin().graphql("{ schedules { name } }")
			.json()
			.path("data")
			.path("schedules")
			.forEach((schedule) -> names.add(schedule.path("name").asString()));
		return names;
	}

}
