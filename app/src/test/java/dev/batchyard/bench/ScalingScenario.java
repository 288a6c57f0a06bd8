package dev.batchyard.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.batchyard.catalog.probe.ProbeJobType;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.Workers;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scenario 9, a burst with the scaling service: {@value #JOBS} probe jobs of
 * {@value #SLEEP_MS} ms on a queue of min 1 and max {@value #MAX} workers with scaling
 * on, against the same queue fixed at {@value #MAX} workers (scaling off), each on a node
 * and a database of its own. Scaling runs every {@value #INTERVAL_S} s with the minimum
 * scale-up cooldown (10 s), so that one burst of about 15 s sees it act; drain and first
 * scale-up are timed from the start of the enqueue. The pool's size is sampled every 500
 * ms.
 *
 * @author Batchyard
 */
final class ScalingScenario {

	static final int JOBS = 5_000;

	static final int SLEEP_MS = 50;

	static final int MAX = 16;

	static final int INTERVAL_S = 2;

	private static final String QUEUE = "license-management";

	private final Report report;

	private final BenchRunner.Measure measure;

	ScalingScenario(Report report, BenchRunner.Measure measure) {
		this.report = report;
		this.measure = measure;
	}

	void run() throws Exception {
		List<String> sizes = new ArrayList<>();
		try (BenchNode fixed = BenchNode.start("bench-fixed", BenchPostgres.freshDatabase("bench_burst_fixed"),
				"batchyard.scaling.enabled=false", "batchyard.catalog.queues." + QUEUE + ".concurrency=" + MAX,
				"batchyard.catalog.queues." + QUEUE + ".max-workers=" + MAX);
				BenchNode scaled = BenchNode.start("bench-scaled", BenchPostgres.freshDatabase("bench_burst_scaled"),
						"batchyard.scaling.interval=" + INTERVAL_S + "s", "batchyard.monitoring.counts-refresh=500ms",
						"batchyard.catalog.queues." + QUEUE + ".concurrency=1",
						"batchyard.catalog.queues." + QUEUE + ".min-workers=1",
						"batchyard.catalog.queues." + QUEUE + ".max-workers=" + MAX,
						"batchyard.scaling.queues." + QUEUE + ".cooldown-seconds.scale-up=10",
						"batchyard.scaling.queues." + QUEUE + ".cooldown-seconds.scale-down=10")) {
			Map<String, BenchRunner.Run> runs = new LinkedHashMap<>();
			runs.put("fixed", (warm) -> burst(fixed, warm ? JOBS / 10 : JOBS, null));
			runs.put("scaling", (warm) -> {
				awaitMin(scaled);
				return burst(scaled, warm ? JOBS / 10 : JOBS, warm ? null : sizes);
			});
			Map<String, Measurements> results = this.measure.measure("9 burst", runs);
			String what = JOBS + " probe jobs of " + SLEEP_MS + " ms";
			this.report.row("9 burst", what + ", scaling 1.." + MAX + " every " + INTERVAL_S + " s: drain", "s",
					results.get("scaling").get("drain s"), "the queue fixed at " + MAX + " workers",
					results.get("fixed").get("drain s"), Report.Target.ratioAtMost(1.3));
			this.report.row("9 burst", "first scale-up after the burst's enqueue began", "s",
					results.get("scaling").get("first scale-up s"), Report.Target.atMost(INTERVAL_S, "s"));
			this.report.row("9 burst", "workers at the end of the drain (scaling)", "workers",
					results.get("scaling").get("workers at end"));
			this.report.note("Scenario 9, pool size every 500 ms of the last scaling run: " + String.join(", ", sizes));
		}
	}

	/**
	 * Enqueues a burst and waits for its last job: drain seconds and what scaling did.
	 */
	private static Map<String, Double> burst(BenchNode node, int jobs, List<String> sizes) throws Exception {
		JdbcClient jdbc = node.bean(JdbcClient.class);
		jdbc.sql("DELETE FROM job WHERE queue_name = ?").param(QUEUE).update();
		List<EnqueueRequest> requests = new ArrayList<>();
		for (int i = 0; i < jobs; i++) {
			requests.add(EnqueueRequest.of(ProbeJobType.NAME, "{\"sleepMs\": " + SLEEP_MS + "}").onQueue(QUEUE));
		}
		long decisionsBefore = scaleUps(jdbc);
		// the clock starts with the enqueue: both sides start draining while it runs
		long start = System.nanoTime();
		node.bean(Jobs.class).enqueueAll(requests);
		double firstScaleUp = Double.NaN;
		StringJoiner samples = new StringJoiner(", ");
		long nextSample = 0;
		while (completed(jdbc) < jobs) {
			long elapsed = System.nanoTime() - start;
			if (Double.isNaN(firstScaleUp) && scaleUps(jdbc) > decisionsBefore) {
				firstScaleUp = elapsed / 1e9;
			}
			if (elapsed >= nextSample) {
				samples.add(String.format(java.util.Locale.ROOT, "%.1fs %d", elapsed / 1e9, poolSize(node)));
				nextSample = (elapsed / 500_000_000L + 1) * 500_000_000L;
			}
			Thread.sleep(20);
			if (elapsed > Duration.ofMinutes(5).toNanos()) {
				throw new IllegalStateException("The burst did not drain in 5 minutes");
			}
		}
		double drain = (System.nanoTime() - start) / 1e9;
		if (sizes != null) {
			sizes.clear();
			sizes.add(samples.toString());
		}
		Map<String, Double> figures = new LinkedHashMap<>();
		figures.put("drain s", drain);
		figures.put("first scale-up s", firstScaleUp);
		figures.put("workers at end", (double) poolSize(node));
		return figures;
	}

	/**
	 * Waits until the scaling node's pool is back at its minimum, so each burst starts
	 * alike.
	 */
	private static void awaitMin(BenchNode node) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (poolSize(node) > 1 && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
	}

	private static long completed(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM job WHERE queue_name = ? AND state = 'completed'")
			.param(QUEUE)
			.query(Long.class)
			.single();
	}

	private static long scaleUps(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM scaling_decision WHERE queue_name = ? AND action = 'SCALE_UP'")
			.param(QUEUE)
			.query(Long.class)
			.single();
	}

	private static int poolSize(BenchNode node) {
		return node.bean(Workers.class)
			.workers()
			.stream()
			.filter((worker) -> worker.queueName().equals(QUEUE))
			.mapToInt(Workers.Worker::size)
			.sum();
	}

}
