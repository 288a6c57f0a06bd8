package dev.batchyard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.batchyard.bench.Measurements.Figure;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table of a run: every figure (median, min, max over the repetitions), its ratio to
 * the baseline measured in the same run, the target and PASS or MISS. Printed,
 * and written as {@code results.md} and {@code results.json}.
 * <p>
 * A target is judged on the median of the repetitions, except "must be 0" targets, which
 * are judged on the worst repetition.
 *
 * @author Batchyard
 */
final class Report {

	private final BenchSettings settings;

	private final List<Row> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private final Map<String, double[]> memory = new LinkedHashMap<>();

	Report(BenchSettings settings) {
		this.settings = settings;
	}

	void row(String scenario, String metric, String unit, Figure value) {
		this.rows.add(new Row(scenario, metric, unit, value, null, null, null));
	}

	void row(String scenario, String metric, String unit, Figure value, Target target) {
		this.rows.add(new Row(scenario, metric, unit, value, null, null, target));
	}

	void row(String scenario, String metric, String unit, Figure value, String baselineName, Figure baseline,
			Target target) {
		this.rows.add(new Row(scenario, metric, unit, value, baselineName, baseline, target));
	}

	void notRun(String scenario, String reason) {
		this.rows.add(new Row(scenario, "not run: " + reason, "", null, null, null, null));
	}

	void note(String note) {
		this.notes.add(note);
	}

	void memory(String scenario, double peakHeapMb, double peakRssMb) {
		this.memory.put(scenario, new double[] { peakHeapMb, peakRssMb });
	}

	String markdown() {
		StringBuilder out = new StringBuilder();
		out.append("Batchyard bench: ")
			.append(this.settings.quick() ? "quick run" : "full run")
			.append(", ")
			.append(this.settings.repetitions())
			.append(" repetition(s) after a warm-up, ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs, JVM ")
			.append(Runtime.version())
			.append("\n\n");
		out.append("| scenario | metric | median | min | max | baseline (median) | ratio | target | result |\n");
		out.append("| --- | --- | ---: | ---: | ---: | --- | ---: | --- | --- |\n");
		for (Row row : this.rows) {
			out.append(row.markdown()).append('\n');
		}
		out.append("\n| scenario | peak heap MB | peak RSS MB |\n| --- | ---: | ---: |\n");
		this.memory.forEach((scenario, peaks) -> out.append("| ")
			.append(scenario)
			.append(" | ")
			.append(format(peaks[0]))
			.append(" | ")
			.append(format(peaks[1]))
			.append(" |\n"));
		if (!this.notes.isEmpty()) {
			out.append('\n');
			this.notes.forEach((note) -> out.append("- ").append(note).append('\n'));
		}
		return out.toString();
	}

	void write() {
		String markdown = markdown();
		System.out.println();
		System.out.println(markdown);
		try {
			Files.createDirectories(this.settings.out());
			Files.writeString(this.settings.out().resolve("results.md"), markdown);
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("settings", this.settings.toString());
			json.put("rows", this.rows.stream().map(Row::json).toList());
			Map<String, Object> peaks = new LinkedHashMap<>();
			this.memory.forEach((scenario, values) -> peaks.put(scenario,
					Map.of("peakHeapMb", round(values[0]), "peakRssMb", round(values[1]))));
			json.put("memory", peaks);
			json.put("notes", this.notes);
			Files.writeString(this.settings.out().resolve("results.json"),
					JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println("Written to " + this.settings.out().toAbsolutePath());
	}

	long misses() {
		return this.rows.stream().filter((row) -> row.target() != null && !row.passes()).count();
	}

	static String format(double value) {
		if (Double.isNaN(value)) {
			return "-";
		}
		if (Math.abs(value) >= 100 || value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, (Math.abs(value) >= 10) ? "%.1f" : "%.2f", value);
	}

	private static double round(double value) {
		return Double.isNaN(value) ? -1 : Math.round(value * 100) / 100.0;
	}

	/**
	 * What a figure must reach.
	 *
	 * @param text how the table shows it
	 * @param kind what is compared
	 * @param bound the bound
	 */
	record Target(String text, Kind kind, double bound) {

		static Target ratioAtLeast(double ratio) {
			return new Target(">= " + format(ratio) + "x baseline", Kind.RATIO_AT_LEAST, ratio);
		}

		static Target ratioAtMost(double ratio) {
			return new Target("<= " + format(ratio) + "x baseline", Kind.RATIO_AT_MOST, ratio);
		}

		static Target atMost(double bound, String unit) {
			return new Target("<= " + format(bound) + " " + unit, Kind.AT_MOST, bound);
		}

		static Target atLeast(double bound, String unit) {
			return new Target(">= " + format(bound) + " " + unit, Kind.AT_LEAST, bound);
		}

		static Target zero() {
			return new Target("0 (every run)", Kind.ZERO, 0);
		}

		boolean met(Figure value, Figure baseline) {
			return switch (this.kind) {
				case RATIO_AT_LEAST -> value.median() / baseline.median() >= this.bound;
				case RATIO_AT_MOST -> value.median() / baseline.median() <= this.bound;
				case AT_MOST -> value.median() <= this.bound;
				case AT_LEAST -> value.median() >= this.bound;
				case ZERO -> value.max() == 0;
			};
		}

		enum Kind {

			RATIO_AT_LEAST, RATIO_AT_MOST, AT_MOST, AT_LEAST, ZERO

		}

	}

	private record Row(String scenario, String metric, String unit, Figure value, String baselineName, Figure baseline,
			Target target) {

		boolean passes() {
			return this.target.met(this.value, this.baseline);
		}

		String ratio() {
			return (this.baseline != null) ? format(this.value.median() / this.baseline.median()) + "x" : "";
		}

		String markdown() {
			if (this.value == null) {
				return "| " + this.scenario + " | " + this.metric + " | | | | | | | |";
			}
			String unitSuffix = this.unit.isEmpty() ? "" : " " + this.unit;
			return "| " + this.scenario + " | " + this.metric + " (" + this.unit + ") | " + format(this.value.median())
					+ " | " + format(this.value.min()) + " | " + format(this.value.max()) + " | "
					+ ((this.baseline != null) ? this.baselineName + ": " + format(this.baseline.median()) + unitSuffix
							: "")
					+ " | " + ratio() + " | " + ((this.target != null) ? this.target.text() : "") + " | "
					+ ((this.target != null) ? (passes() ? "PASS" : "**MISS**") : "") + " |";
		}

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("scenario", this.scenario);
			json.put("metric", this.metric);
			json.put("unit", this.unit);
			if (this.value != null) {
				json.put("median", round(this.value.median()));
				json.put("min", round(this.value.min()));
				json.put("max", round(this.value.max()));
				json.put("values", this.value.values());
			}
			if (this.baseline != null) {
				json.put("baseline", this.baselineName);
				json.put("baselineMedian", round(this.baseline.median()));
				json.put("ratio", round(this.value.median() / this.baseline.median()));
			}
			if (this.target != null) {
				json.put("target", this.target.text());
				json.put("result", passes() ? "PASS" : "MISS");
			}
			return json;
		}

	}

}
