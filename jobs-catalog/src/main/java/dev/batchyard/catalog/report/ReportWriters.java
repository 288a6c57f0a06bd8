package dev.batchyard.catalog.report;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.json.JacksonJsonObjectMarshaller;
import org.springframework.batch.infrastructure.item.json.JsonFileItemWriter;
import org.springframework.batch.infrastructure.item.support.AbstractFileItemWriter;
import org.springframework.core.io.FileSystemResource;

/**
 * The processor and the two writers of a report. Both writers are Batch's restartable
 * file writers: a chunk's lines reach the file when its transaction commits, and a retry
 * cuts the file back to the last committed chunk before it appends, so every row is in
 * the file once.
 *
 * @author Batchyard
 */
final class ReportWriters {

	private ReportWriters() {
	}

	/**
	 * Turns a row's values into text, numbers and booleans that CSV and JSON can hold.
	 */
	static ItemProcessor<Map<String, Object>, Map<String, Object>> plainValues() {
		return (row) -> {
			Map<String, Object> plain = new LinkedHashMap<>();
			row.forEach((column, value) -> plain.put(column, plain(value)));
			return plain;
		};
	}

	private static Object plain(Object value) {
		if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
			return value;
		}
		if (value instanceof java.sql.Timestamp timestamp) {
			return timestamp.toInstant().toString();
		}
		if (value instanceof byte[] bytes) {
			return Base64.getEncoder().encodeToString(bytes);
		}
		return value.toString();
	}

	static AbstractFileItemWriter<Map<String, Object>> writer(String format, Path file, DataSource dataSource,
			String sql) {
		AbstractFileItemWriter<Map<String, Object>> writer = format.equals("json")
				? new JsonFileItemWriter<>(new FileSystemResource(file),
						new JacksonJsonObjectMarshaller<>(JsonMapper.builder().build()))
				: csv(file, dataSource, sql);
		writer.setName("report-" + format);
		return writer;
	}

	private static FlatFileItemWriter<Map<String, Object>> csv(Path file, DataSource dataSource, String sql) {
		FlatFileItemWriter<Map<String, Object>> writer = new FlatFileItemWriter<>(new FileSystemResource(file),
				(row) -> row.values().stream().map(ReportWriters::csvField).collect(Collectors.joining(",")));
		// written when the file is started, not again on a retry that appends
		writer.setHeaderCallback((out) -> out
			.write(columns(dataSource, sql).stream().map(ReportWriters::csvField).collect(Collectors.joining(","))));
		return writer;
	}

	private static List<String> columns(DataSource dataSource, String sql) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			ResultSetMetaData metadata = statement.getMetaData();
			List<String> columns = new ArrayList<>();
			for (int i = 1; i <= metadata.getColumnCount(); i++) {
				columns.add(metadata.getColumnLabel(i));
			}
			return columns;
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not read the report query's columns: " + ex.getMessage(), ex);
		}
	}

	/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
	static String csvField(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
		return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

}
