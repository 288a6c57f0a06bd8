package dev.batchyard.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz suite (Maven profile {@code fuzz}, README "Reliability"), generated from the
 * schema: the node's own introspection lists every query and mutation with its arguments,
 * and each argument, and each field of an input argument, gets wrong types, null,
 * negative, zero and huge numbers, empty, 10,000-character, unicode, NUL and SQL-looking
 * strings, and JSON that is deep, large or not an object, the other arguments valid; then
 * a bounded number of random combinations from a fixed seed ({@code -Dfuzz.seed},
 * printed). Beside those: 1,000 aliases, deep nesting, batched operations, a 5 MB body
 * and bodies that are not GraphQL requests.
 * <p>
 * For every case: an HTTP status below 500, a JSON answer whose every error has a code
 * from the list (never INTERNAL_ERROR), no stack trace or SQL in the errors, and for a
 * refused mutation the tables a mutation writes exactly as before. The node answers its
 * health check after every operation's cases. A node on PostgreSQL, which refuses more
 * than H2 (a NUL byte), serving only a queue the cases do not use, so that no job runs
 * and changes the tables meanwhile.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "batchyard.security.admin.password=" + ApiFuzzTests.PASSWORD,
				"batchyard.node.queues=session-cleanup", "batchyard.api.rate-limit.enabled=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzTests {

	static final String PASSWORD = "fuzz-admin-secret";

	private static final long SEED = Long.getLong("fuzz.seed", 20_11L);

	/** Random combinations of arguments per operation, beyond one case per variant. */
	private static final int RANDOM_CASES = Integer.getInteger("fuzz.random", 15);

	/** DESIGN's error codes but INTERNAL_ERROR. */
	private static final Set<String> CODES = Set.of("UNAUTHORIZED", "FORBIDDEN", "RATE_LIMITED", "INVALID_PARAMETERS",
			"QUEUE_NOT_FOUND", "JOB_NOT_FOUND", "SCHEDULE_NOT_FOUND", "ALERT_NOT_FOUND", "WORKER_NOT_FOUND",
			"LIMITER_NOT_FOUND", "QUEUE_ALREADY_PAUSED", "QUEUE_NOT_PAUSED", "INVALID_WORKER_COUNT",
			"EXCEEDS_SYSTEM_LIMIT", "INVALID_THRESHOLD", "INVALID_COOLDOWN", "INVALID_RATE_LIMIT", "INVALID_TIMEOUT",
			"INVALID_CRON", "DUPLICATE_JOB", "STORE_UNAVAILABLE");

	/** What an error must not show: a Java stack or exception, or SQL and its errors. */
	private static final Pattern LEAK = Pattern.compile("\\tat |\\bat [a-z]+\\.[a-z]+\\.[A-Za-z.$]+\\(|Exception\\b"
			+ "|java\\.(lang|sql|util)\\.|org\\.springframework|org\\.postgresql|com\\.fasterxml|tools\\.jackson"
			+ "|graphql\\.(execution|schema)|SQLState|SQL state|PSQL|syntax error at or near|violates"
			+ "|duplicate key|relation \"|\\bERROR:|SELECT .* FROM|INSERT INTO|UPDATE [a-z_]+ SET|hikari"
			+ "|Cannot deserialize|Unrecognized token|Unexpected character \\(");

	/**
	 * The tables a mutation writes. Left out: what changes on its own (heartbeats, the
	 * audit log, which records refusals too, metrics, scaling decisions, Quartz's
	 * scheduler state).
	 */
	private static final List<String> TABLES = List.of("job", "job_log", "job_result", "job_failure", "schedule_meta",
			"queue_state", "rate_limit_override", "api_token", "alert", "qrtz_job_details", "qrtz_cron_triggers");

	/** A row as text, but the pool size the scaling service sets meanwhile. */
	private static final String ROW = "(to_jsonb(t) - 'target_workers' - 'target_changed_at')::text";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String TYPE_REF = "fragment T on __Type { kind name ofType { kind name ofType { kind name"
			+ " ofType { kind name ofType { kind name } } } } }";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	QueueCatalog catalog;

	private final AtomicLong cases = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong answered = new AtomicLong();

	private final AtomicLong snapshots = new AtomicLong();

	private final AtomicLong findingsCount = new AtomicLong();

	private Map<String, JsonNode> types;

	private long started;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String url = TestServers.freshPostgresDatabase("api_fuzz");
		registry.add("spring.datasource.url", () -> url);
		// what the store's environment post-processor derives from a PostgreSQL URL given
		// at startup; a test's dynamic property comes after it
		registry.add("spring.quartz.properties.org.quartz.jobStore.driverDelegateClass",
				() -> "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
	}

	@BeforeAll
	void introspect() {
		this.started = System.nanoTime();
		// the scaling service gives each queue a queue_state row the first time it
		// decides on it, whatever the request of the moment; a warm node has them all
		for (QueueDefinition queue : this.catalog.queues()) {
			this.jdbc
				.sql("INSERT INTO queue_state (queue_name) SELECT :name WHERE NOT EXISTS"
						+ " (SELECT 1 FROM queue_state WHERE queue_name = :name)")
				.param("name", queue.name())
				.update();
		}
		Response schema = admin()
			.graphql("{ __schema { types { kind name" + " fields { name args { name type { ...T } } type { ...T } }"
					+ " inputFields { name type { ...T } } enumValues { name } } } } " + TYPE_REF);
		assertThat(schema.status()).as(schema.body()).isEqualTo(200);
		this.types = new LinkedHashMap<>();
		schema.json().path("data").path("__schema").path("types").forEach((type) -> {
			this.types.put(type.path("name").asString(), type);
		});
		// something for the operations that take an id to find
		admin().graphql("mutation { enqueueJob(input: {type: \"probe\", queueName: \"default\"}) { id } }");
	}

	@AfterAll
	void printFigures() {
		System.out.printf(
				"==== fuzz figures ==== seed %d, %d random cases per operation: %d cases (%d answered with data,"
						+ " %d refused with a code), %d table snapshots compared, %d findings, %d s%n",
				SEED, RANDOM_CASES, this.cases.get(), this.answered.get(), this.refused.get(), this.snapshots.get(),
				this.findingsCount.get(), (System.nanoTime() - this.started) / 1_000_000_000L);
	}

	@TestFactory
	Stream<DynamicTest> everyQueryAndMutation() {
		List<DynamicTest> tests = new ArrayList<>();
		for (String root : List.of("Query", "Mutation")) {
			for (JsonNode field : this.types.get(root).path("fields")) {
				String name = field.path("name").asString();
				tests.add(DynamicTest.dynamicTest(root + "." + name,
						() -> fuzzOperation(root.equals("Mutation"), field)));
			}
		}
		return tests.stream();
	}

	@TestFactory
	Stream<DynamicTest> requestsBeyondOneOperation() {
		return Stream.of(DynamicTest.dynamicTest("1,000 aliases of a query", () -> {
			StringBuilder query = new StringBuilder("{");
			for (int i = 0; i < 1000; i++) {
				query.append(" a").append(i).append(": queues { name }");
			}
			checkAll(List.of(new Case("1000 aliases", false, post(query.append(" }").toString(), Map.of()))));
		}), DynamicTest.dynamicTest("1,000 aliases of a refused mutation", () -> {
			StringBuilder mutation = new StringBuilder("mutation {");
			for (int i = 0; i < 1000; i++) {
				mutation.append(" m")
					.append(i)
					.append(": pauseQueue(queueName: \"nope-")
					.append(i)
					.append("\") { success }");
			}
			checkAll(List
				.of(new Case("1000 refused mutations", true, post(mutation.append(" }").toString(), Map.of()))));
		}), DynamicTest.dynamicTest("deep nesting", () -> {
			List<Case> deep = new ArrayList<>();
			deep.add(new Case("selection 2,000 deep", false,
					post("{ queues " + "{ name ".repeat(2000) + "}".repeat(2001), Map.of())));
			deep.add(new Case("input literal 2,000 deep", true,
					post("mutation { enqueueJob(input: {type: \"probe\", queueName: \"default\", payload: "
							+ "{a: ".repeat(2000) + "1" + "}".repeat(2000) + "}) { id } }", Map.of())));
			deep.add(new Case("list literal 5,000 deep", true,
					post("mutation { enqueueJob(input: {type: \"probe\", queueName: \"default\", payload: {a: "
							+ "[".repeat(5000) + "]".repeat(5000) + "}}) { id } }", Map.of())));
			deep.add(new Case("JSON variable 5,000 deep", true,
					raw("{\"query\":\"mutation($p: JSON) { enqueueJob(input: {type: \\\"probe\\\","
							+ " queueName: \\\"default\\\", payload: $p}) { id } }\",\"variables\":{\"p\":{\"a\":"
							+ "[".repeat(5000) + "]".repeat(5000) + "}}}")));
			deep.add(new Case("introspection 30 deep", false, post(
					"{ __schema { types { " + "ofType { ".repeat(30) + "name" + " }".repeat(30) + " } } }", Map.of())));
			checkAll(deep);
		}), DynamicTest.dynamicTest("batched operations", () -> {
			checkAll(List.of(
					new Case("a JSON array of two requests", true,
							raw("[{\"query\":\"{ queues { name } }\"},{\"query\":\"mutation { pauseQueue(queueName:"
									+ " \\\"default\\\") { success } }\"}]")),
					new Case("two operations, no operationName", true,
							post("query A { queues { name } } mutation B { pauseQueue(queueName: \"default\") {"
									+ " success } }", Map.of())),
					new Case("operationName of none", true,
							raw("{\"query\":\"mutation B { pauseQueue(queueName: \\\"default\\\") { success } }\","
									+ "\"operationName\":\"C\"}"))));
		}), DynamicTest.dynamicTest("a 5 MB body", () -> {
			String pad = "x".repeat(5 * 1024 * 1024);
			checkAll(List.of(
					new Case("5 MB variable", true,
							post("mutation($p: JSON) { enqueueJob(input: {type: \"probe\", queueName: \"default\","
									+ " payload: $p}) { id } }", Map.of("p", Map.of("pad", pad)))),
					new Case("5 MB query document", false, post("{ queues { name } } #" + pad, Map.of())),
					new Case("5 MB string argument", true,
							post("mutation { pauseQueue(queueName: \"" + pad + "\") { success } }", Map.of()))));
		}), DynamicTest.dynamicTest("bodies that are not GraphQL requests", () -> {
			List<Case> bodies = new ArrayList<>();
			for (String body : List.of("", "{", "null", "\"a string\"", "42", "[]", "{}", "{\"query\": 1}",
					"{\"query\": null}", "{\"query\": \"{ queues { name } }\", \"variables\": \"x\"}",
					"{\"query\": \"{ queues { name } }\", \"variables\": [1]}", "{\"query\": \"{ queues { name }\"}",
					"{\"query\": \"\\u0000\"}", "\u0000", "{\"query\": \"{ queues { name } }\"} trailing")) {
				bodies.add(new Case("body " + abbreviate(body), true, raw(body)));
			}
			ApiClient admin = admin();
			bodies.add(new Case("text/plain", true,
					() -> admin.send("POST", "/graphql", "text/plain", "{ queues { name } }")));
			bodies.add(new Case("form", true,
					() -> admin.send("POST", "/graphql", "application/x-www-form-urlencoded", "query=%7B%7D")));
			bodies.add(new Case("PUT", true, () -> admin.send("PUT", "/graphql", "application/json", "{}")));
			bodies.add(new Case("GET", false, () -> admin.send("GET", "/graphql", null, null)));
			checkAll(bodies);
		}));
	}

	private void fuzzOperation(boolean mutation, JsonNode field) {
		String name = field.path("name").asString();
		List<JsonNode> args = new ArrayList<>();
		field.path("args").forEach(args::add);
		Random random = new Random(SEED ^ name.hashCode());
		List<Case> cases = new ArrayList<>();
		Map<String, Object> base = new LinkedHashMap<>();
		for (JsonNode arg : args) {
			if (isNonNull(arg.path("type"))) {
				base.put(arg.path("name").asString(), valid(arg.path("name").asString(), arg.path("type"), 0));
			}
		}
		cases.add(send(mutation, field, args, base, "valid", random));
		for (JsonNode arg : args) {
			String argName = arg.path("name").asString();
			for (Variant variant : variants(argName, arg.path("type"), 0)) {
				Map<String, Object> values = new LinkedHashMap<>(base);
				values.put(argName, variant.value());
				cases.add(send(mutation, field, args, values, argName + " = " + variant.label(), random));
			}
		}
		for (int i = 0; i < RANDOM_CASES; i++) {
			Map<String, Object> values = new LinkedHashMap<>();
			List<String> labels = new ArrayList<>();
			for (JsonNode arg : args) {
				String argName = arg.path("name").asString();
				List<Variant> variants = variants(argName, arg.path("type"), 0);
				int pick = random.nextInt(variants.size() + 2);
				if (pick < variants.size()) {
					values.put(argName, variants.get(pick).value());
					labels.add(argName + " = " + variants.get(pick).label());
				}
				else if (pick == variants.size() || base.containsKey(argName)) {
					values.put(argName, valid(argName, arg.path("type"), 0));
				}
			}
			cases.add(send(mutation, field, args, values, "random " + labels, random));
		}
		List<String> findings = checked(cases);
		Response health = admin().get("/actuator/health");
		assertThat(health.status()).as("health after %s: %s", name, health.body()).isEqualTo(200);
		assertThat(health.json().path("status").asString()).isEqualTo("UP");
		assertThat(findings).as("findings").isEmpty();
	}

	/**
	 * Sends one case: the values as variables, or (one case in three) written into the
	 * document as literals.
	 */
	private Case send(boolean mutation, JsonNode field, List<JsonNode> args, Map<String, Object> values, String label,
			Random random) {
		String name = field.path("name").asString();
		boolean literals = random.nextInt(3) == 0;
		StringBuilder declarations = new StringBuilder();
		StringBuilder arguments = new StringBuilder();
		Map<String, Object> variables = new LinkedHashMap<>();
		for (JsonNode arg : args) {
			String argName = arg.path("name").asString();
			if (!values.containsKey(argName)) {
				continue;
			}
			Object value = values.get(argName);
			arguments.append(arguments.isEmpty() ? "" : ", ").append(argName).append(": ");
			if (literals) {
				arguments.append(literal(value, arg.path("type")));
			}
			else {
				declarations.append(declarations.isEmpty() ? "" : ", ")
					.append('$')
					.append(argName)
					.append(": ")
					.append(typeName(arg.path("type")));
				arguments.append('$').append(argName);
				variables.put(argName, value);
			}
		}
		String document = (mutation ? "mutation" : "query") + (declarations.isEmpty() ? "" : "(" + declarations + ")")
				+ " { " + name + (arguments.isEmpty() ? "" : "(" + arguments + ")") + selection(field.path("type"))
				+ " }";
		return new Case(name + ": " + label + (literals ? " (literal)" : ""), mutation, post(document, variables));
	}

	private void checkAll(List<Case> cases) {
		List<String> findings = checked(cases);
		assertThat(findings).as("findings").isEmpty();
	}

	private List<String> checked(List<Case> cases) {
		List<String> findings = new ArrayList<>();
		for (Case c : cases) {
			check(c, findings);
		}
		this.findingsCount.addAndGet(findings.size());
		return findings;
	}

	private void check(Case c, List<String> findings) {
		this.cases.incrementAndGet();
		String before = c.mutation() ? snapshot() : null;
		Response response = c.request().get();
		String where = c.label() + " -> HTTP " + response.status() + " " + abbreviate(response.body());
		if (response.status() >= 500) {
			findings.add("HTTP " + response.status() + ": " + where);
			return;
		}
		JsonNode body;
		try {
			body = json.readTree(response.body());
		}
		catch (RuntimeException ex) {
			findings.add("not JSON: " + where);
			return;
		}
		JsonNode errors = body.path("errors");
		if (response.status() != 200 && (!errors.isArray() || errors.isEmpty())) {
			findings.add("a refusal without errors: " + where);
		}
		if (errors.isArray() && !errors.isEmpty()) {
			this.refused.incrementAndGet();
			for (JsonNode error : errors) {
				String code = error.path("extensions").path("code").asString("");
				if (!CODES.contains(code)) {
					findings.add("code '" + code + "': " + where);
				}
			}
			if (LEAK.matcher(errors.toString()).find()) {
				findings.add("a stack trace or SQL in the errors: " + where);
			}
			if (c.mutation()) {
				this.snapshots.incrementAndGet();
				String after = snapshot();
				if (!before.equals(after)) {
					findings.add("a refused mutation changed tables " + changed(before, after) + ": " + where);
				}
			}
		}
		else {
			this.answered.incrementAndGet();
		}
	}

	/** One digest per table, of every row. */
	private String snapshot() {
		StringBuilder sql = new StringBuilder("SELECT ");
		for (int i = 0; i < TABLES.size(); i++) {
			sql.append((i > 0) ? " || ',' || " : "")
				.append("(SELECT '")
				.append(TABLES.get(i))
				.append("=' || count(*) || ':' || coalesce(md5(string_agg(" + ROW + ", '|' ORDER BY " + ROW
						+ ")), '') FROM ")
				.append(TABLES.get(i))
				.append(" t)");
		}
		return this.jdbc.sql(sql.toString()).query(String.class).single();
	}

	private static List<String> changed(String before, String after) {
		List<String> tables = new ArrayList<>();
		String[] b = before.split(",");
		String[] a = after.split(",");
		for (int i = 0; i < b.length; i++) {
			if (!b[i].equals(a[i])) {
				tables.add(a[i].substring(0, a[i].indexOf('=')));
			}
		}
		return tables;
	}

	/** The bad values an argument or input field of this type gets. */
	private List<Variant> variants(String name, JsonNode type, int depth) {
		List<Variant> variants = new ArrayList<>();
		variants.add(new Variant("null", null));
		JsonNode named = named(type);
		if (isList(type)) {
			variants.add(new Variant("[]", List.of()));
			variants.add(new Variant("[null]", Collections.singletonList(null)));
			variants.add(new Variant("10,000 elements", Collections.nCopies(10_000, valid(name, named, depth + 1))));
		}
		String typeName = named.path("name").asString();
		switch (named.path("kind").asString()) {
			case "SCALAR" -> variants.addAll(scalarVariants(typeName));
			case "ENUM" -> {
				variants.add(new Variant("unknown enum", "NOPE"));
				variants.add(new Variant("empty enum", ""));
				variants.add(new Variant("number for enum", 1));
				String first = this.types.get(typeName).path("enumValues").path(0).path("name").asString();
				variants.add(new Variant("lower-case enum", first.toLowerCase()));
			}
			case "INPUT_OBJECT" -> {
				variants.add(new Variant("{}", Map.of()));
				variants.add(new Variant("string for input", "x"));
				variants.add(new Variant("list for input", List.of(1, 2)));
				Map<String, Object> unknown = validInput(typeName, depth);
				unknown.put("noSuchField", 1);
				variants.add(new Variant("unknown field", unknown));
				if (depth < 2) {
					for (JsonNode inputField : this.types.get(typeName).path("inputFields")) {
						String fieldName = inputField.path("name").asString();
						for (Variant variant : variants(fieldName, inputField.path("type"), depth + 1)) {
							Map<String, Object> input = validInput(typeName, depth);
							input.put(fieldName, variant.value());
							variants.add(new Variant(fieldName + " = " + variant.label(), input));
						}
					}
				}
			}
			default -> {
			}
		}
		return variants;
	}

	private static List<Variant> scalarVariants(String type) {
		List<Variant> wrongTypes = List.of(new Variant("true", true), new Variant("object", Map.of("a", 1)),
				new Variant("list", List.of("a", "b")));
		List<Variant> numbers = List.of(new Variant("-1", -1), new Variant("0", 0), new Variant("2^31-1", 2147483647),
				new Variant("2^31", 2147483648L), new Variant("-2^31-1", -2147483649L),
				new Variant("2^63-1", Long.MAX_VALUE), new Variant("-2^63", Long.MIN_VALUE),
				new Variant("1e308", 1e308), new Variant("-1e308", -1e308), new Variant("0.5", 0.5),
				new Variant("numeric string", "12"), new Variant("string for number", "x"));
		List<Variant> strings = List.of(new Variant("empty string", ""),
				new Variant("10,000 characters", "x".repeat(10_000)),
				new Variant("unicode", "Ünïcödé 🙂 \u202e\u200b 中文 \uFFFF"), new Variant("NUL", "a\u0000b"),
				new Variant("SQL", "'; DROP TABLE job; --"), new Variant("SQL or", "x' OR '1'='1"),
				new Variant("path", "../../etc/passwd"), new Variant("lookup", "${jndi:ldap://127.0.0.1/x}"),
				new Variant("number for string", 12));
		List<Variant> variants = new ArrayList<>();
		switch (type) {
			case "Int", "Long", "Float" -> {
				variants.addAll(numbers);
				variants.add(wrongTypes.get(0));
				variants.add(wrongTypes.get(1));
			}
			case "Boolean" -> {
				variants.add(new Variant("string for boolean", "true"));
				variants.add(new Variant("number for boolean", 1));
			}
			case "DateTime" -> {
				variants.add(new Variant("empty date", ""));
				variants.add(new Variant("not a date", "yesterday"));
				variants.add(new Variant("impossible date", "2026-13-45T25:61:61Z"));
				variants.add(new Variant("year 1000000000", "+1000000000-01-01T00:00:00Z"));
				variants.add(new Variant("year 0", "0000-01-01T00:00:00Z"));
				variants.add(new Variant("number for date", -1));
				variants.add(new Variant("NUL date", "2026-01-01T00:00:00Z\u0000"));
			}
			case "JSON" -> {
				variants.add(new Variant("JSON string", "{not json"));
				variants.add(new Variant("JSON number", 1e308));
				variants.add(new Variant("JSON list", List.of(1, 2)));
				variants.add(new Variant("JSON 200 deep", deep(200)));
				Map<String, Object> large = new LinkedHashMap<>();
				for (int i = 0; i < 20_000; i++) {
					large.put("k" + i, "v" + i);
				}
				variants.add(new Variant("JSON with 20,000 keys", large));
				variants.add(new Variant("JSON unknown field", Map.of("sleepMz", 5)));
				variants.add(new Variant("JSON NUL", Map.of("a\u0000", "b\u0000")));
			}
			default -> {
				// String, ID and any other scalar
				variants.addAll(strings);
				variants.add(wrongTypes.get(0));
				variants.add(wrongTypes.get(1));
				variants.add(new Variant("-1 as text", "-1"));
				variants.add(new Variant("2^63 as text", "9223372036854775808"));
			}
		}
		return variants;
	}

	private static Object deep(int depth) {
		Object value = 1;
		for (int i = 0; i < depth; i++) {
			value = Map.of("a", value);
		}
		return value;
	}

	/** A valid-looking value: what an argument that is not under test gets. */
	private Object valid(String name, JsonNode type, int depth) {
		if (isList(type)) {
			return List.of(valid(name, named(type), depth + 1));
		}
		JsonNode named = named(type);
		String typeName = named.path("name").asString();
		return switch (named.path("kind").asString()) {
			case "ENUM" -> this.types.get(typeName).path("enumValues").path(0).path("name").asString();
			case "INPUT_OBJECT" -> validInput(typeName, depth);
			default -> switch (typeName) {
				case "Int" -> 1;
				case "Long" -> 1000L;
				case "Float" -> 1.0;
				case "Boolean" -> false;
				case "ID" -> "1";
				case "DateTime" -> "2030-01-01T00:00:00Z";
				case "JSON" -> Map.of();
				default -> validString(name);
			};
		};
	}

	private Map<String, Object> validInput(String typeName, int depth) {
		Map<String, Object> input = new LinkedHashMap<>();
		for (JsonNode inputField : this.types.get(typeName).path("inputFields")) {
			if (isNonNull(inputField.path("type")) && depth < 4) {
				String fieldName = inputField.path("name").asString();
				input.put(fieldName, valid(fieldName, inputField.path("type"), depth + 1));
			}
		}
		return input;
	}

	private static String validString(String name) {
		return switch (name) {
			case "queueName" -> "default";
			case "type" -> "probe";
			case "cron" -> "0 0 0 1 1 ? 2099";
			case "limiterName" -> "emailSending";
			case "timezone" -> "UTC";
			default -> "fuzz-" + name;
		};
	}

	/**
	 * The value written as a GraphQL literal (enum values bare where the type is an
	 * enum).
	 */
	private String literal(Object value, JsonNode type) {
		JsonNode named = named(type);
		if (value == null) {
			return "null";
		}
		if (value instanceof String text && "ENUM".equals(named.path("kind").asString())
				&& text.matches("[_A-Za-z][_0-9A-Za-z]*")) {
			return text;
		}
		if (value instanceof List<?> list) {
			StringBuilder literal = new StringBuilder("[");
			for (Object element : list) {
				literal.append(literal.length() > 1 ? ", " : "").append(literal(element, named));
			}
			return literal.append(']').toString();
		}
		if (value instanceof Map<?, ?> map) {
			StringBuilder literal = new StringBuilder("{");
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				if (!key.matches("[_A-Za-z][_0-9A-Za-z]*")) {
					continue;
				}
				JsonNode fieldType = inputFieldType(named, key);
				literal.append(literal.length() > 1 ? ", " : "")
					.append(key)
					.append(": ")
					.append(literal(entry.getValue(), (fieldType != null) ? fieldType : named));
			}
			return literal.append('}').toString();
		}
		return json.writeValueAsString(value);
	}

	private JsonNode inputFieldType(JsonNode named, String field) {
		JsonNode type = this.types.get(named.path("name").asString());
		if (type == null) {
			return null;
		}
		for (JsonNode inputField : type.path("inputFields")) {
			if (inputField.path("name").asString().equals(field)) {
				return inputField.path("type");
			}
		}
		return null;
	}

	/** The leaf fields of the return type, or nothing for a scalar. */
	private String selection(JsonNode type) {
		JsonNode named = named(type);
		String kind = named.path("kind").asString();
		if (!kind.equals("OBJECT") && !kind.equals("INTERFACE") && !kind.equals("UNION")) {
			return "";
		}
		StringBuilder selection = new StringBuilder(" { __typename");
		for (JsonNode field : this.types.get(named.path("name").asString()).path("fields")) {
			String fieldKind = named(field.path("type")).path("kind").asString();
			boolean leaf = fieldKind.equals("SCALAR") || fieldKind.equals("ENUM");
			boolean requiredArgs = false;
			for (JsonNode arg : field.path("args")) {
				requiredArgs |= isNonNull(arg.path("type"));
			}
			if (leaf && !requiredArgs) {
				selection.append(' ').append(field.path("name").asString());
			}
		}
		return selection.append(" }").toString();
	}

	private static String typeName(JsonNode type) {
		return switch (type.path("kind").asString()) {
			case "NON_NULL" -> typeName(type.path("ofType")) + "!";
			case "LIST" -> "[" + typeName(type.path("ofType")) + "]";
			default -> type.path("name").asString();
		};
	}

	private static JsonNode named(JsonNode type) {
		JsonNode named = type;
		while (named.path("kind").asString().equals("NON_NULL") || named.path("kind").asString().equals("LIST")) {
			named = named.path("ofType");
		}
		return named;
	}

	private static boolean isNonNull(JsonNode type) {
		return type.path("kind").asString().equals("NON_NULL");
	}

	private static boolean isList(JsonNode type) {
		JsonNode unwrapped = isNonNull(type) ? type.path("ofType") : type;
		return unwrapped.path("kind").asString().equals("LIST");
	}

	private ApiClient admin() {
		return ApiClient.as(this.port, "admin", PASSWORD);
	}

	private java.util.function.Supplier<Response> post(String document, Map<String, Object> variables) {
		return () -> admin().graphql(document, variables);
	}

	private java.util.function.Supplier<Response> raw(String body) {
		return () -> admin().send("POST", "/graphql", "application/json", body);
	}

	private static String abbreviate(String text) {
		String oneLine = String.valueOf(text).replace('\n', ' ');
		return (oneLine.length() > 300) ? oneLine.substring(0, 300) + "..." : oneLine;
	}

	private record Variant(String label, Object value) {
	}

	private record Case(String label, boolean mutation, java.util.function.Supplier<Response> request) {
	}

}
