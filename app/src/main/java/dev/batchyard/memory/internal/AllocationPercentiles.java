package dev.batchyard.memory.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.batchyard.engine.AttemptAllocations;
import dev.batchyard.memory.AllocationStats;

/**
 * Each queue's last {@value #WINDOW} measured allocations in a ring, read into
 * percentiles on demand: recording is one array write under the queue's lock, so the
 * worker threads pay next to nothing per attempt.
 *
 * @author Batchyard
 */
class AllocationPercentiles implements AttemptAllocations {

	static final int WINDOW = 1000;

	private final Map<String, Ring> rings = new ConcurrentHashMap<>();

	@Override
	public void allocated(String queueName, double allocatedMb) {
		this.rings.computeIfAbsent(queueName, (name) -> new Ring()).add(allocatedMb);
	}

	List<AllocationStats> stats() {
		return this.rings.entrySet()
			.stream()
			.map((entry) -> entry.getValue().stats(entry.getKey()))
			.sorted(Comparator.comparing(AllocationStats::queueName))
			.toList();
	}

	private static final class Ring {

		private final double[] values = new double[WINDOW];

		private long count;

		synchronized void add(double value) {
			this.values[(int) (this.count++ % WINDOW)] = value;
		}

		AllocationStats stats(String queueName) {
			double[] sorted;
			synchronized (this) {
				sorted = Arrays.copyOf(this.values, (int) Math.min(this.count, WINDOW));
			}
			Arrays.sort(sorted);
			return new AllocationStats(queueName, sorted.length, percentile(sorted, 50), percentile(sorted, 95),
					percentile(sorted, 99), (sorted.length > 0) ? sorted[sorted.length - 1] : 0);
		}

		private static double percentile(double[] sorted, int percent) {
			if (sorted.length == 0) {
				return 0;
			}
			int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
		}

	}

}
