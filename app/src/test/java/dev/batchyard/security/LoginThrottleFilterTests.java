package dev.batchyard.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleFilterTests {

	@Test
	void theUserOfABasicHeaderIsReadAndAnythingElseIsLeftToTheBasicFilter() {
		assertThat(LoginThrottleFilter.basicUser(basic("admin:secret"))).isEqualTo("admin");
		assertThat(LoginThrottleFilter.basicUser(basic("a:b:c"))).isEqualTo("a");
		assertThat(LoginThrottleFilter.basicUser(basic("no-colon"))).isNull();
		assertThat(LoginThrottleFilter.basicUser("Basic !!!not-base64")).isNull();
		assertThat(LoginThrottleFilter.basicUser("Bearer by_abc")).isNull();
		assertThat(LoginThrottleFilter.basicUser(null)).isNull();
		assertThat(LoginThrottleFilter.basicUser(basic("x".repeat(5000) + ":p"))).hasSize(200);
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

}
