package dev.batchyard.catalog;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries are jittered so that the jobs a failed dependency failed together do not all
 * hit it again at the same instant (issue 20, defect 5).
 */
class BackoffJitterTests {

	@Test
	void anExponentialBackoffVariesByATenthEitherWayUnlessToldOtherwise() {
		Backoff backoff = Backoff.exponential(Duration.ofSeconds(10), Duration.ofMinutes(5));

		assertThat(backoff.jitter()).isEqualTo(0.1);
		assertThat(backoff.delayBefore(1, 0.0)).isEqualTo(Duration.ofSeconds(9));
		assertThat(backoff.delayBefore(1, 0.5)).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.delayBefore(1, 0.9999)).isBetween(Duration.ofMillis(10_990), Duration.ofSeconds(11));
		assertThat(backoff.delayBefore(2, 0.0)).isEqualTo(Duration.ofSeconds(18));
	}

	@Test
	void fixedAndCustomBackoffsAreNotJitteredUnlessAsked() {
		assertThat(Backoff.fixed(Duration.ofSeconds(7)).delayBefore(3, 0.0)).isEqualTo(Duration.ofSeconds(7));
		assertThat(Backoff.custom(List.of(Duration.ofSeconds(1))).delayBefore(1, 0.99))
			.isEqualTo(Duration.ofSeconds(1));
		Backoff jittered = Backoff.fixed(Duration.ofSeconds(10)).withJitter(0.5);
		assertThat(jittered.delayBefore(1, 0.0)).isEqualTo(Duration.ofSeconds(5));
		assertThat(jittered.delayBefore(1, 0.75)).isEqualTo(Duration.ofMillis(12_500));
	}

	@Test
	void aJitterOfZeroTurnsItOff() {
		Backoff backoff = Backoff.exponential(Duration.ofSeconds(10), Duration.ofMinutes(5)).withJitter(0);

		assertThat(backoff.delayBefore(1, 0.0)).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.delayBefore(1, 0.99)).isEqualTo(Duration.ofSeconds(10));
	}

}
