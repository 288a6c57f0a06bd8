package dev.batchyard.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sizes of a benchmark run, from system properties ({@code -Dbench.drain.jobs=...});
 * {@code bench.quick=true} picks small sizes and one repetition for a run of about two
 * minutes. An empty property means "the default".
 *
 * @param quick whether this is a quick run
 * @param repetitions measured repetitions of each scenario (after one warm-up)
 * @param enqueueJobs scenario 1: jobs enqueued one at a time and in bulk
 * @param drainJobs scenario 2: light jobs drained
 * @param multiStepJobs scenario 3: three-step durable jobs drained
 * @param latencyRate scenario 4: jobs per second
 * @param latencySeconds scenario 4: how long
 * @param priorityBacklog scenario 5: BACKGROUND jobs waiting
 * @param priorityTries scenario 5: CRITICAL jobs enqueued, one after the other
 * @param schedules scenario 6: cron schedules firing every second
 * @param scheduleSeconds scenario 6: how long
 * @param quartzJobs baseline (b): one-shot Quartz triggers
 * @param skipLockedJobs baseline (a): rows drained by the plain SKIP LOCKED loop (the
 * drain's size unless set: both sides drain as many)
 * @param apiSeconds the API scenario: seconds each request kind runs
 * @param apiRate the API scenario: requests per second of its fixed-rate run
 * @param monitoringFinished scenario 8: finished jobs in the table
 * @param monitoringWaiting scenario 8: waiting jobs in the table
 * @param monitoringDrainJobs scenario 8: jobs of each drain, monitoring on and off
 * @param monitoringRequests scenario 8: requests of each read measured
 * @param out where results.md and results.json go
 * @param only the scenarios to run ({@code bench.only=2,4}); empty runs them all
 * @author Batchyard
 */
record BenchSettings(boolean quick, int repetitions, int enqueueJobs, int drainJobs, int multiStepJobs, int latencyRate,
		int latencySeconds, int priorityBacklog, int priorityTries, int schedules, int scheduleSeconds, int quartzJobs,
		int skipLockedJobs, int apiSeconds, int apiRate, int monitoringFinished, int monitoringWaiting,
		int monitoringDrainJobs, int monitoringRequests, Path out, Set<Integer> only) {

	static final int BULK_BATCH = 500;

	static final int WORKERS = 16;

	static BenchSettings fromSystemProperties() {
		boolean quick = Boolean.parseBoolean(System.getProperty("bench.quick", "false"));
		int drainJobs = number("bench.drain.jobs", quick ? 4_000 : 20_000);
		return new BenchSettings(quick, number("bench.repetitions", quick ? 1 : 3),
				number("bench.enqueue.jobs", quick ? 2_000 : 20_000), drainJobs,
				number("bench.multistep.jobs", quick ? 200 : 2_000), number("bench.latency.rate", 200),
				number("bench.latency.seconds", quick ? 5 : 20),
				number("bench.priority.backlog", quick ? 20_000 : 100_000),
				number("bench.priority.tries", quick ? 5 : 20), number("bench.schedule.count", 50),
				number("bench.schedule.seconds", quick ? 10 : 30), number("bench.quartz.jobs", quick ? 300 : 2_000),
				number("bench.skiplocked.jobs", drainJobs), number("bench.api.seconds", quick ? 5 : 20),
				number("bench.api.rate", 500), number("bench.monitoring.finished", quick ? 100_000 : 1_000_000),
				number("bench.monitoring.waiting", quick ? 10_000 : 100_000),
				number("bench.monitoring.drain.jobs", quick ? 20_000 : 100_000),
				number("bench.monitoring.requests", quick ? 100 : 500),
				Path.of(System.getProperty("bench.out", "target/bench")),
				scenarios(System.getProperty("bench.only", "")));
	}

	/**
	 * Whether scenario {@code number} (1-8: 7 is the API, 8 monitoring) is part of this
	 * run.
	 */
	boolean runs(int number) {
		return this.only.isEmpty() || this.only.contains(number);
	}

	private static Set<Integer> scenarios(String list) {
		return Arrays.stream(list.split(","))
			.map(String::trim)
			.filter((item) -> !item.isEmpty())
			.map(Integer::valueOf)
			.collect(Collectors.toUnmodifiableSet());
	}

	/** A smaller size for the warm-up run: a tenth, but at least 1,000 when there are. */
	static int warmUp(int size) {
		return Math.max(size / 10, Math.min(size, 1_000));
	}

	private static int number(String name, int fallback) {
		String value = System.getProperty(name, "").trim();
		return value.isEmpty() ? fallback : Integer.parseInt(value);
	}

}
