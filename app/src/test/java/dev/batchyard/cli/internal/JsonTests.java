package dev.batchyard.cli.internal;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The tool's own JSON reading and writing (Jackson's streaming parser and generator, no
 * mapper) gives the trees and text a mapper would: a payload typed on the command line
 * reaches the API unchanged, and --json prints the answer as it came.
 */
class JsonTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final String TEXT = """
			{"s": "quote \\" backslash \\\\ tab \\t unicode \\u00e9 \\ud83d\\ude00", "i": 42, "l": 9007199254740993,
			 "big": 123456789012345678901234567890, "d": 2.5, "e": 1e-7, "t": true, "f": false, "n": null,
			 "a": [1, [], {}, [null, "x"]], "o": {"nested": {"deeper": [{"k": -3}]}}}""";

	@Test
	void readingGivesTheTreeAMapperGives() {
		JsonNode read = Json.read(TEXT);
		assertThat(read).isEqualTo(mapper.readTree(TEXT));
		assertThat(read.path("l").asLong()).isEqualTo(9007199254740993L);
		assertThat(read.path("s").asString()).isEqualTo("quote \" backslash \\ tab \t unicode é 😀");
	}

	@Test
	void writingGivesTextThatReadsBackToTheSameTree() {
		JsonNode tree = mapper.readTree(TEXT);
		assertThat(mapper.readTree(Json.write(tree, false))).isEqualTo(tree);
		assertThat(mapper.readTree(Json.write(tree, true))).isEqualTo(tree);
		assertThat(Json.write(mapper.readTree("{\"a\":[1,\"x\"],\"b\":null}"), false))
			.isEqualTo("{\"a\":[1,\"x\"],\"b\":null}");
		assertThat(Json.write(mapper.readTree("{\"a\":1}"), true)).isEqualTo("{\n  \"a\" : 1\n}");
	}

	@Test
	void textThatIsNotOneJsonValueIsRefused() {
		for (String bad : new String[] { "", "{", "{\"a\": }", "[1, 2", "{} {}", "nope" }) {
			assertThatExceptionOfType(JacksonException.class).as(bad).isThrownBy(() -> Json.read(bad));
		}
		assertThat(Json.read(" 7 ").asInt()).isEqualTo(7);
		assertThat(Json.read("\"s\"").asString()).isEqualTo("s");
	}

}
