package dev.batchyard.cli.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A plain-text table with a header row and columns as wide as their widest cell. A
 * missing or null value shows as {@code -}.
 */
final class Table {

	private final List<String[]> rows = new ArrayList<>();

	private Table(String... header) {
		this.rows.add(header);
	}

	static Table of(String... header) {
		return new Table(header);
	}

	/**
	 * A two-column table of a JSON object's fields ({@code a.b} for a nested one), for
	 * one record.
	 */
	static Table fields(JsonNode object, String... names) {
		Table table = new Table("FIELD", "VALUE");
		for (String name : names) {
			JsonNode value = object;
			for (String part : name.split("\\.")) {
				value = value.path(part);
			}
			table.row(name, value);
		}
		return table;
	}

	Table row(Object... cells) {
		this.rows.add(Arrays.stream(cells).map(Table::text).toArray(String[]::new));
		return this;
	}

	static String text(Object cell) {
		if (cell instanceof JsonNode node) {
			if (node.isMissingNode() || node.isNull()) {
				return "-";
			}
			if (node.isArray()) {
				List<String> items = new ArrayList<>();
				node.forEach((item) -> items.add(text(item)));
				return items.isEmpty() ? "-" : String.join(",", items);
			}
			return node.isValueNode() ? time(node.asString()) : Json.write(node, false);
		}
		return (cell != null) ? cell.toString() : "-";
	}

	/** An ISO instant to the second, which is what a person reads in a table. */
	private static String time(String text) {
		if (text.length() > 20 && text.charAt(4) == '-' && text.charAt(10) == 'T' && text.endsWith("Z")) {
			int dot = text.indexOf('.');
			return (dot > 0) ? text.substring(0, dot) + "Z" : text;
		}
		return text;
	}

	@Override
	public String toString() {
		int columns = this.rows.get(0).length;
		int[] widths = new int[columns];
		for (String[] row : this.rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder text = new StringBuilder();
		for (String[] row : this.rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < columns; i++) {
				line.append(row[i]);
				if (i < columns - 1) {
					line.append(" ".repeat(widths[i] - row[i].length() + 2));
				}
			}
			text.append(line.toString().stripTrailing()).append('\n');
		}
		return text.toString();
	}

}
