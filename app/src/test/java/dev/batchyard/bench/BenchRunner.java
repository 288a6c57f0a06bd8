package dev.batchyard.bench;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.bench.Measurements.Figure;
import dev.batchyard.bench.Report.Target;
import dev.batchyard.monitoring.Monitoring;

/**
 * The benchmark runner of issue 6 (README "Performance"): starts the embedded PostgreSQL,
 * runs every scenario once to warm up and then {@code bench.repetitions} times,
 * interleaved with the baselines it is compared to, and prints and writes the table.
 * Launched by the Maven profile {@code bench} in a JVM of its own with {@code -Xmx512m}.
 *
 * @author Batchyard
 */
public final class BenchRunner {

	private static final long STARTED = System.nanoTime();

	private final BenchSettings settings;

	private final Memory memory = new Memory();

	private final Report report;

	private BenchRunner(BenchSettings settings) {
		this.settings = settings;
		this.report = new Report(settings);
	}

	public static void main(String[] args) {
		int status = 0;
		try {
			BenchSettings settings = BenchSettings.fromSystemProperties();
			log("Settings: " + settings);
			BenchRunner runner = new BenchRunner(settings);
			runner.run();
			long misses = runner.report.misses();
			log("Done in " + Duration.ofNanos(System.nanoTime() - STARTED).truncatedTo(ChronoUnit.SECONDS)
					+ "; targets missed: " + misses);
			if (misses > 0) {
				// a MISS fails the Maven run, so that CI or a script can tell
				status = 2;
			}
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	private void run() throws Exception {
		log("Starting the embedded PostgreSQL");
		String durability = BenchPostgres.durability();
		log("PostgreSQL runs with " + durability);
		if (this.settings.runs(1) || this.settings.runs(2) || this.settings.runs(3) || this.settings.runs(4)
				|| this.settings.runs(5)) {
			engine();
		}
		if (this.settings.runs(6)) {
			schedules();
		}
		if (this.settings.runs(7)) {
			// one measured run of each request kind (eight kinds of 20 s): the API
			// figures move less from run to run than the drain's
			new ApiScenario(this.settings, this.report, (scenario, runs) -> measure(scenario, runs, 1)).run();
		}
		if (this.settings.runs(8)) {
			monitoring();
		}
		if (this.settings.runs(9)) {
			new ScalingScenario(this.report, (scenario, runs) -> measure(scenario, runs, 1)).run();
		}
		if (this.settings.runs(10)) {
			allocationTracking();
		}
		// scenario 11 (dashboard, issue 22): its own block
		if (this.settings.runs(11)) {
			new DashboardScenario(this.report, (scenario, runs) -> measure(scenario, runs, 1), this.settings.quick())
				.run();
		}
		this.report.memory("whole run (JVM)", Double.NaN, this.memory.rssMb());
		this.report.note("Peak heap is the sum of the JVM's heap pools' peaks (-Xmx"
				+ Report.format(this.memory.maxHeapMb()) + "m); RSS is this JVM's (VmHWM), without PostgreSQL.");
		this.report.note("PostgreSQL 17 (embedded binaries) with " + durability
				+ (BenchPostgres.fast() ? " (-Dbench.pg.fast=true: the embedded server's own settings, commits do not"
						+ " wait for the disk)" : " (as production runs: every commit waits for the disk)")
				+ ", shared by the nodes and the baselines; nodes run in the bench JVM with a Hikari pool of 40.");
		this.report.note("CPU per job: this JVM's CPU time (the node runs in it) and that of every postgres process,"
				+ " from the queue's resume to the drain's end, divided by the jobs; steadier than jobs/s here.");
		this.report.note("Statements and commits per job are counted on the node's DataSource: everything the"
				+ " node sends during the drain (claims, outcomes, Batch metadata, housekeeping), divided by the jobs.");
		this.report.write();
	}

	private void engine() throws Exception {
		String engineUrl = BenchPostgres.freshDatabase("bench_engine");
		Baselines baselines = new Baselines(engineUrl);
		log("Starting node bench-a");
		try (BenchNode node = BenchNode.start("bench-a", engineUrl,
				"batchyard.node.queues=" + String.join(",", EngineScenarios.QUEUE, EngineScenarios.CRITICAL_QUEUE,
						EngineScenarios.BACKGROUND_QUEUE));
				QuartzBaseline quartz = new QuartzBaseline(BenchPostgres.freshDatabase("bench_quartz"))) {
			EngineScenarios engine = new EngineScenarios(node, baselines);
			if (this.settings.runs(1)) {
				enqueue(engine);
			}
			if (this.settings.runs(2) || this.settings.runs(3)) {
				drain(engine, baselines, quartz);
			}
			if (this.settings.runs(4)) {
				latency(engine);
			}
			if (this.settings.runs(5)) {
				priority(engine);
			}
		}
	}

	private void enqueue(EngineScenarios engine) throws Exception {
		int jobs = this.settings.enqueueJobs();
		Map<String, Run> runs = new LinkedHashMap<>();
		runs.put("engine", (warm) -> Baselines.one("jobs/s", engine.enqueueOneAtATime(size(jobs, warm))));
		runs.put("plain insert", (warm) -> Baselines.one("jobs/s", engine.plainSingleInserts(size(jobs, warm))));
		runs.put("plain insert + notify",
				(warm) -> Baselines.one("jobs/s", engine.plainInsertsWithNotify(size(jobs, warm))));
		Map<String, Measurements> single = measure("1 enqueue one at a time", runs);
		this.report.row("1 enqueue", "one at a time, " + jobs + " jobs", "jobs/s", single.get("engine").get("jobs/s"),
				"plain single-row insert", single.get("plain insert").get("jobs/s"), Target.ratioAtLeast(0.70));
		this.report.row("1 enqueue", "one at a time", "jobs/s", single.get("engine").get("jobs/s"),
				"plain insert + pg_notify in one tx (not the engine's path: it inserts in autocommit and notifies"
						+ " afterwards)",
				single.get("plain insert + notify").get("jobs/s"), null);
		Measurements cost = measure("1 enqueue cost", Map.of("engine", (warm) -> engine.enqueueCost(1_000)))
			.get("engine");
		this.report.row("1 enqueue", "SQL statements per enqueue", "stmts", cost.get("statements/enqueue"));
		this.report.row("1 enqueue", "commits per enqueue", "commits", cost.get("commits/enqueue"));
		Map<String, Run> bulkRuns = new LinkedHashMap<>();
		bulkRuns.put("engine", (warm) -> Baselines.one("jobs/s", engine.enqueueBulk(size(jobs, warm))));
		bulkRuns.put("plain batch", (warm) -> Baselines.one("jobs/s", engine.plainBatchedInserts(size(jobs, warm))));
		Map<String, Measurements> bulk = measure("1 enqueue bulk", bulkRuns);
		this.report.row("1 enqueue", "bulk, batches of " + BenchSettings.BULK_BATCH, "jobs/s",
				bulk.get("engine").get("jobs/s"), "plain batched insert", bulk.get("plain batch").get("jobs/s"),
				Target.ratioAtLeast(0.40));
	}

	private void drain(EngineScenarios engine, Baselines baselines, QuartzBaseline quartz) throws Exception {
		int jobs = this.settings.drainJobs();
		int rows = this.settings.skipLockedJobs();
		int quartzJobs = this.settings.quartzJobs();
		Map<String, Run> runs = new LinkedHashMap<>();
		// the warm-up drains six times as many jobs as a measured run, in three drains:
		// with one drain of twice as many, the JIT was still compiling the engine's hot
		// path through the first two measured runs (the node's CPU per job fell by half
		// from the first to the third, and a median of three took the second)
		runs.put("engine", (warm) -> warm ? warmUpDrain(engine, 3, 2 * jobs) : engine.drain(jobs, "{}"));
		// the bare loop warms up exactly as the engine does: three drains of twice the
		// measured size
		runs.put("skip locked",
				(warm) -> warm ? warmUpSkipLocked(baselines, 3, 2 * rows, false) : skipLocked(baselines, rows, false));
		runs.put("skip locked per-job done",
				(warm) -> warm ? warmUpSkipLocked(baselines, 3, 2 * rows, true) : skipLocked(baselines, rows, true));
		runs.put("quartz", (warm) -> Baselines.one("jobs/s", quartz.run(size(quartzJobs, warm))));
		Map<String, Measurements> drain = measure("2 drain light + baselines 7a/7b", runs);
		Figure light = drain.get("engine").get("jobs/s");
		Figure skipLocked = drain.get("skip locked").get("jobs/s");
		Figure quartzRate = drain.get("quartz").get("jobs/s");
		this.report.row("7a baseline", "SKIP LOCKED claim-50, 16 threads, " + rows + " rows", "jobs/s", skipLocked);
		this.report.row("7a baseline", "same, done marked per job", "jobs/s",
				drain.get("skip locked per-job done").get("jobs/s"));
		this.report.row("7b baseline",
				"Quartz alone, clustered JDBC, " + quartzJobs + " one-shot triggers, tuned (" + BenchSettings.WORKERS
						+ " threads, up to " + BenchSettings.WORKERS + " triggers per acquisition)",
				"jobs/s", quartzRate);
		String title = "light, " + jobs + " jobs, 16 workers";
		this.report.row("2 drain", title, "jobs/s", light, "7a SKIP LOCKED", skipLocked, Target.ratioAtLeast(0.40));
		this.report.row("2 drain", title, "jobs/s", light, "7a, done marked per job",
				drain.get("skip locked per-job done").get("jobs/s"), null);
		this.report.row("2 drain", title, "jobs/s", light, "7b Quartz", quartzRate, Target.ratioAtLeast(25));
		this.report.row("2 drain", "SQL statements per job", "stmts", drain.get("engine").get("statements/job"));
		this.report.row("2 drain", "commits per job", "commits", drain.get("engine").get("commits/job"));
		this.report.row("2 drain", "node JVM CPU per job", "us", drain.get("engine").get("JVM CPU us/job"));
		this.report.row("2 drain", "PostgreSQL CPU per job", "us", drain.get("engine").get("PostgreSQL CPU us/job"));
		this.report.row("2 drain", "jobs per claim", "jobs", drain.get("engine").get("jobs/claim"));
		this.report.row("2 drain", "claims per second", "claims/s", drain.get("engine").get("claims/s"));
		this.report.row("2 drain", "jobs between claim and recorded outcome (mean)", "jobs",
				drain.get("engine").get("jobs in flight"));

		if (!this.settings.runs(3)) {
			return;
		}
		int durable = this.settings.multiStepJobs();
		Map<String, Measurements> multi = measure("3 drain three-step durable",
				Map.of("engine", (warm) -> engine.drain(size(durable, warm), "{\"steps\": 3}")));
		String durableTitle = "three-step durable, " + durable + " jobs, 16 workers";
		this.report.row("3 drain", durableTitle, "jobs/s", multi.get("engine").get("jobs/s"), "7b Quartz", quartzRate,
				null);
		this.report.row("3 drain", "SQL statements per job", "stmts", multi.get("engine").get("statements/job"));
		this.report.row("3 drain", "commits per job", "commits", multi.get("engine").get("commits/job"));
		this.report.row("3 drain", "node JVM CPU per job", "us", multi.get("engine").get("JVM CPU us/job"));
		this.report.row("3 drain", "PostgreSQL CPU per job", "us", multi.get("engine").get("PostgreSQL CPU us/job"));
		this.report.row("3 drain", "jobs per claim", "jobs", multi.get("engine").get("jobs/claim"));
		this.report.row("3 drain", "jobs between claim and recorded outcome (mean)", "jobs",
				multi.get("engine").get("jobs in flight"));
		this.report.note("Batch's share of a three-step job (scenario 3 minus scenario 2, medians): "
				+ Report.format(multi.get("engine").get("statements/job").median()
						- drain.get("engine").get("statements/job").median())
				+ " statements and " + Report.format(multi.get("engine").get("commits/job").median()
						- drain.get("engine").get("commits/job").median())
				+ " commits per job.");
	}

	private void latency(EngineScenarios engine) throws Exception {
		int rate = this.settings.latencyRate();
		int seconds = this.settings.latencySeconds();
		Map<String, Measurements> latency = measure("4 latency",
				Map.of("engine", (warm) -> engine.latency(rate, warm ? Math.max(seconds / 4, 2) : seconds)));
		Measurements figures = latency.get("engine");
		String title = rate + " jobs/s for " + seconds + " s, enqueue to start";
		this.report.row("4 latency", title + " p50", "ms", figures.get("p50"), Target.atMost(1.5, "ms"));
		this.report.row("4 latency", title + " p95", "ms", figures.get("p95"));
		this.report.row("4 latency", title + " p99", "ms", figures.get("p99"), Target.atMost(8, "ms"));
		this.report.row("4 latency", title + " max", "ms", figures.get("max"));
	}

	private void priority(EngineScenarios engine) throws Exception {
		int backlog = this.settings.priorityBacklog();
		int tries = this.settings.priorityTries();
		log("5 priority: " + backlog + " BACKGROUND jobs waiting");
		engine.backlog(backlog);
		Map<String, Measurements> priority = measure("5 priority under backlog",
				Map.of("engine", (warm) -> engine.criticalBehindBacklog(warm ? Math.max(tries / 4, 2) : tries)));
		long left = engine.waiting(EngineScenarios.BACKGROUND_QUEUE);
		String title = "CRITICAL behind " + backlog + " BACKGROUND, " + tries + " tries";
		this.report.row("5 priority", title + ", p50", "ms", priority.get("engine").get("p50"));
		this.report.row("5 priority", title + ", max", "ms", priority.get("engine").get("max"),
				Target.atMost(200, "ms"));
		this.report.note("Scenario 5: " + left + " BACKGROUND jobs were still waiting at its end.");
		engine.clean();
	}

	private void schedules() throws Exception {
		int count = this.settings.schedules();
		int seconds = this.settings.scheduleSeconds();
		String url = BenchPostgres.freshDatabase("bench_schedules");
		log("6 schedules: starting nodes bench-s1 and bench-s2");
		String queues = "batchyard.node.queues=" + EngineScenarios.QUEUE;
		try (BenchNode first = BenchNode.start("bench-s1", url, queues);
				BenchNode second = BenchNode.start("bench-s2", url, queues)) {
			ScheduleScenario scenario = new ScheduleScenario(List.of(first, second), new Baselines(url));
			Map<String, Measurements> fired = measure("6 schedules", Map.of("engine",
					(warm) -> scenario.run(warm ? Math.max(count / 5, 1) : count, warm ? 5 : seconds)));
			Measurements figures = fired.get("engine");
			String title = count + " cron schedules every 1 s for " + seconds + " s on 2 nodes";
			this.report.row("6 schedules", title + ", fire lag p50", "ms", figures.get("lag p50"));
			this.report.row("6 schedules", title + ", fire lag p99", "ms", figures.get("lag p99"),
					Target.atMost(1000, "ms"));
			this.report.row("6 schedules", "double fires", "fires", figures.get("double fires"), Target.zero());
			this.report.row("6 schedules", "missed fires", "fires", figures.get("missed fires"), Target.zero());
			this.report.row("6 schedules", "nodes that fired", "nodes", figures.get("nodes firing"));
			this.report.row("6 schedules", "Quartz firings of a tick already fired, dropped", "fires",
					figures.get("second firings dropped"));
			this.report.note("Scenario 6 creates its schedules through the schedule feature (Quartz cron triggers"
					+ " in the nodes' clustered JDBC store); a fire is counted when its ScheduleFired event says the"
					+ " job it enqueued committed.");
		}
	}

	private void monitoring() throws Exception {
		int finished = this.settings.monitoringFinished();
		int waiting = this.settings.monitoringWaiting();
		int jobs = this.settings.monitoringDrainJobs();
		int requests = this.settings.monitoringRequests();
		MonitoringScenario scenario = new MonitoringScenario(BenchPostgres.freshDatabase("bench_monitoring"));
		log("8 monitoring: writing " + finished + " finished and " + waiting + " waiting jobs");
		long started = System.nanoTime();
		scenario.fill(finished, waiting);
		log("8 monitoring: written in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
		Map<String, Run> runs = new LinkedHashMap<>();
		// warm-ups of full size: the JIT compiles the drain's path before the measured
		// runs
		runs.put("on", (warm) -> monitoringDrain(scenario, true, jobs));
		runs.put("off", (warm) -> monitoringDrain(scenario, false, jobs));
		Map<String, Measurements> drains = measure("8 monitoring drain on/off", runs);
		String table = (finished + waiting) + "-row table";
		this.report.row("8 monitoring", "light drain, " + jobs + " jobs, " + table + ", monitoring on", "jobs/s",
				drains.get("on").get("jobs/s"), "same drain, monitoring off", drains.get("off").get("jobs/s"),
				Target.ratioAtLeast(0.95));
		this.report.row("8 monitoring", "node JVM CPU per job, monitoring on", "us",
				drains.get("on").get("JVM CPU us/job"));
		this.report.row("8 monitoring", "node JVM CPU per job, monitoring off", "us",
				drains.get("off").get("JVM CPU us/job"));
		this.report.row("8 monitoring", "PostgreSQL CPU per job, monitoring on", "us",
				drains.get("on").get("PostgreSQL CPU us/job"));
		this.report.row("8 monitoring", "PostgreSQL CPU per job, monitoring off", "us",
				drains.get("off").get("PostgreSQL CPU us/job"));
		try (BenchNode node = scenario.node("bench-mon-reads", true)) {
			node.bean(Monitoring.class).dashboard();
			Map<String, Measurements> reads = measure("8 monitoring reads",
					Map.of("reads", (warm) -> scenario.reads(node, warm ? Math.max(requests / 5, 20) : requests)));
			Measurements figures = reads.get("reads");
			for (String read : List.of("dashboard http", "queuesHealth http", "prometheus http")) {
				this.report.row("8 monitoring", read + ", " + table + ", p50", "ms", figures.get(read + " p50"));
				this.report.row("8 monitoring", read + ", " + table + ", p99", "ms", figures.get(read + " p99"),
						Target.atMost(50, "ms"));
			}
			this.report.row("8 monitoring", "HTTP baseline { __typename } with the same login, p50", "ms",
					figures.get("typename http p50"));
			this.report.row("8 monitoring", "HTTP baseline { __typename } with the same login, p99", "ms",
					figures.get("typename http p99"));
			for (String read : List.of("dashboard service", "queuesHealth service", "prometheus scrape")) {
				this.report.row("8 monitoring", read + " in process, p99", "ms", figures.get(read + " p99"));
			}
		}
		this.report.note("Scenario 8: each drain runs on a node started for it (monitoring on, or"
				+ " batchyard.monitoring.enabled=false), serving default only, on a table of " + table + "; reads are "
				+ requests + " requests of each, one after another, over HTTP with HTTP Basic (the password is given"
				+ " pre-encoded, {noop}, but Spring Security upgrades it to BCrypt at the first login, so every"
				+ " request still pays a BCrypt check: compare with the { __typename } baseline) and in process.");
	}

	/**
	 * Scenario 10 (memory): the light drain on platform worker threads, whose allocation
	 * counters the engine reads around every attempt, with allocation tracking on and
	 * off. On virtual threads (the default) the counter is not kept and tracking costs
	 * one call that answers -1.
	 */
	private void allocationTracking() throws Exception {
		int jobs = this.settings.drainJobs();
		String url = BenchPostgres.freshDatabase("bench_allocations");
		MonitoringScenario table = new MonitoringScenario(url);
		Map<String, Run> runs = new LinkedHashMap<>();
		// warm-ups of full size, as in scenario 8: with a tenth, the first measured run
		// still paid for the JIT (360 us of CPU per job against about 100 after)
		runs.put("on", (warm) -> allocationDrain(url, table, true, jobs));
		runs.put("off", (warm) -> allocationDrain(url, table, false, jobs));
		Map<String, Measurements> drains = measure("10 allocation tracking on/off", runs);
		this.report.row("10 memory", "light drain, " + jobs + " jobs, platform worker threads, allocation tracking on",
				"jobs/s", drains.get("on").get("jobs/s"), "same drain, tracking off", drains.get("off").get("jobs/s"),
				Target.ratioAtLeast(0.95));
		this.report.row("10 memory", "node JVM CPU per job, tracking on", "us", drains.get("on").get("JVM CPU us/job"));
		this.report.row("10 memory", "node JVM CPU per job, tracking off", "us",
				drains.get("off").get("JVM CPU us/job"));
		this.report.note("Scenario 10: each drain runs on a node started for it (batchyard.engine.worker-threads="
				+ "platform, batchyard.memory.track-allocations on or off), serving default only.");
	}

	private static Map<String, Double> allocationDrain(String url, MonitoringScenario table, boolean tracking, int jobs)
			throws Exception {
		try (BenchNode node = BenchNode.start(tracking ? "bench-alloc-on" : "bench-alloc-off", url,
				"batchyard.node.queues=default", "batchyard.engine.worker-threads=platform",
				"batchyard.memory.track-allocations=" + tracking)) {
			return table.drain(node, jobs);
		}
	}

	private static Map<String, Double> monitoringDrain(MonitoringScenario scenario, boolean monitoring, int jobs)
			throws Exception {
		try (BenchNode node = scenario.node(monitoring ? "bench-mon-on" : "bench-mon-off", monitoring)) {
			// the node's first counts refresh (with the full recount) comes before the
			// drain
			node.bean(Monitoring.class).dashboard();
			return scenario.drain(node, jobs);
		}
	}

	/**
	 * Runs each of {@code runs} once to warm up, then {@code repetitions} times,
	 * interleaved so drift hits them alike.
	 */
	Map<String, Measurements> measure(String scenario, Map<String, Run> runs) throws Exception {
		return measure(scenario, runs, this.settings.repetitions());
	}

	Map<String, Measurements> measure(String scenario, Map<String, Run> runs, int repetitions) throws Exception {
		this.memory.reset();
		log(scenario + ": warm-up");
		for (Run run : runs.values()) {
			run.run(true);
		}
		Map<String, Measurements> results = new LinkedHashMap<>();
		runs.keySet().forEach((name) -> results.put(name, new Measurements()));
		for (int repetition = 1; repetition <= repetitions; repetition++) {
			for (Map.Entry<String, Run> run : runs.entrySet()) {
				Map<String, Double> figures = run.getValue().run(false);
				results.get(run.getKey()).add(figures);
				log(scenario + " #" + repetition + " " + run.getKey() + ": " + printable(figures));
			}
		}
		this.report.memory(scenario, this.memory.peakHeapMb(), this.memory.peakRssMb());
		log(scenario + ": peak heap " + Report.format(this.memory.peakHeapMb()) + " MB, peak RSS "
				+ Report.format(this.memory.peakRssMb()) + " MB");
		return results;
	}

	private static Map<String, Double> skipLocked(Baselines baselines, int rows, boolean donePerJob) throws Exception {
		baselines.seedSkipLocked(rows);
		return Baselines.one("jobs/s", baselines.drainSkipLocked(rows, BenchSettings.WORKERS, donePerJob));
	}

	private static Map<String, Double> warmUpSkipLocked(Baselines baselines, int drains, int rows, boolean donePerJob)
			throws Exception {
		Map<String, Double> last = Map.of();
		for (int drain = 0; drain < drains; drain++) {
			last = skipLocked(baselines, rows, donePerJob);
		}
		return last;
	}

	private static Map<String, Double> warmUpDrain(EngineScenarios engine, int drains, int jobs) throws Exception {
		Map<String, Double> last = Map.of();
		for (int drain = 0; drain < drains; drain++) {
			last = engine.drain(jobs, "{}");
		}
		return last;
	}

	private int size(int size, boolean warmUp) {
		return warmUp ? BenchSettings.warmUp(size) : size;
	}

	private static String printable(Map<String, Double> figures) {
		return String.join(", ",
				figures.entrySet()
					.stream()
					.map((figure) -> figure.getKey() + " " + Report.format(figure.getValue()))
					.toList());
	}

	static void log(String message) {
		System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [bench] " + message);
	}

	/** Runs a scenario's runs: warm-up, then the repetitions, interleaved. */
	@FunctionalInterface
	interface Measure {

		Map<String, Measurements> measure(String scenario, Map<String, Run> runs) throws Exception;

	}

	/** One run of a scenario or baseline: its figures. */
	@FunctionalInterface
	interface Run {

		Map<String, Double> run(boolean warmUp) throws Exception;

	}

}
