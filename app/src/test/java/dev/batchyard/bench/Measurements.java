package dev.batchyard.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one scenario: for each metric, one value per measured repetition.
 *
 * @author Batchyard
 */
final class Measurements {

	private final Map<String, List<Double>> values = new LinkedHashMap<>();

	void add(Map<String, Double> repetition) {
		repetition
			.forEach((metric, value) -> this.values.computeIfAbsent(metric, (key) -> new ArrayList<>()).add(value));
	}

	Figure get(String metric) {
		List<Double> found = this.values.get(metric);
		if (found == null) {
			throw new IllegalArgumentException("No metric " + metric + " in " + this.values.keySet());
		}
		return new Figure(found);
	}

	/**
	 * The values of one metric across repetitions.
	 *
	 * @param values one per repetition
	 */
	record Figure(List<Double> values) {

		double median() {
			return percentile(this.values, 50);
		}

		double min() {
			return Collections.min(this.values);
		}

		double max() {
			return Collections.max(this.values);
		}

	}

	/** Nearest-rank percentile. */
	static double percentile(List<Double> values, double percent) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		if (percent == 50 && sorted.size() % 2 == 0) {
			return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.min(Math.max(rank, 1), sorted.size()) - 1);
	}

}
