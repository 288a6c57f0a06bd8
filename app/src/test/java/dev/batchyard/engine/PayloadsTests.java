package dev.batchyard.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A payload field the type's payload class does not have is refused, naming it, unless
 * the class opts out explicitly (issue 20, defect 4).
 */
class PayloadsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void anUnknownFieldIsRefusedNamingItAndTheKnownOnes() {
		Payloads.Refusal refusal = Payloads.refusal(this.json, "{\"sleepMz\": 5}", Strict.class, "strict")
			.orElseThrow();

		assertThat(refusal.argument()).isEqualTo("payload.sleepMz");
		assertThat(refusal.message()).contains("sleepMz", "strict", "sleepMs");
	}

	@Test
	void aTypeOptsOutWithJsonIgnorePropertiesIgnoreUnknown() {
		assertThat(Payloads.refusal(this.json, "{\"sleepMz\": 5}", Lenient.class, "lenient")).isEmpty();
	}

	@Test
	void aFieldOfTheWrongTypeIsNamedWithoutJacksonsWords() {
		Payloads.Refusal refusal = Payloads.refusal(this.json, "{\"sleepMs\": \"x\"}", Strict.class, "strict")
			.orElseThrow();

		assertThat(refusal.argument()).isEqualTo("payload.sleepMs");
		assertThat(refusal.message()).isEqualTo("payload.sleepMs must be a number (job type 'strict')");
	}

	record Strict(Long sleepMs) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Lenient(Long sleepMs) {
	}

}
