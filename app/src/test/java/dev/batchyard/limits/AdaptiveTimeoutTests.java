package dev.batchyard.limits;

import java.time.Duration;

import dev.batchyard.limits.internal.AdaptiveTimeout;
import dev.batchyard.limits.internal.TimeoutSettings;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = "spring.datasource.url=jdbc:h2:mem:adaptive-timeouts;DB_CLOSE_DELAY=-1")
class AdaptiveTimeoutTests {

	@Autowired
	Timeouts timeouts;

	@Autowired
	TimeoutSettings settings;

	@Test
	void theFormulaIsThreeTimesP95BetweenTheFloorAndTheCeilingOnceThereAreFiftySamples() {
		Duration ceiling = Duration.ofSeconds(60);
		assertThat(AdaptiveTimeout.effective(ceiling, true, 49, 100)).isEqualTo(ceiling);
		assertThat(AdaptiveTimeout.effective(ceiling, true, 50, 100)).isEqualTo(Duration.ofSeconds(1));
		assertThat(AdaptiveTimeout.effective(ceiling, true, 50, 900)).isEqualTo(Duration.ofMillis(2700));
		assertThat(AdaptiveTimeout.effective(ceiling, true, 50, 30_000)).isEqualTo(ceiling);
		assertThat(AdaptiveTimeout.effective(ceiling, false, 5000, 100)).isEqualTo(ceiling);
	}

	@Test
	void theEffectiveTimeoutFallsToTheFloorAfterARunOfFastJobsAndRisesAfterARunOfSlowOnes() {
		String queue = "message-delivery";
		this.timeouts.update(queue, new TimeoutInput(null, true, null), "test");
		Duration ceiling = this.timeouts.config(queue).timeout();

		record(queue, 49, 20);
		assertThat(this.timeouts.effectiveTimeout(queue)).as("below %d samples", AdaptiveTimeout.MIN_SAMPLES)
			.isEqualTo(ceiling);

		record(queue, 11, 20);
		ExecutionStats fast = this.timeouts.stats(queue);
		assertThat(fast.sampleCount()).isEqualTo(60);
		assertThat(fast.p95()).isBetween(20L, 21L);
		assertThat(this.timeouts.effectiveTimeout(queue)).as("3 x %d ms is under the floor", fast.p95())
			.isEqualTo(AdaptiveTimeout.FLOOR);

		record(queue, 60, 900);
		ExecutionStats slow = this.timeouts.stats(queue);
		assertThat(slow.p95()).isBetween(896L, 907L);
		assertThat(this.timeouts.effectiveTimeout(queue)).isEqualTo(Duration.ofMillis(3 * slow.p95()));

		record(queue, 3000, 150_000);
		assertThat(this.timeouts.effectiveTimeout(queue)).as("capped at the configured timeout").isEqualTo(ceiling);
	}

	@Test
	void adaptiveIsOnForCriticalQueuesAndOffElsewhereUntilAnAdminTurnsItOn() {
		assertThat(this.timeouts.config("password-reset").adaptiveEnabled()).isTrue();
		assertThat(this.timeouts.config("asset-processing").adaptiveEnabled()).isFalse();

		record("asset-processing", 100, 10);

		assertThat(this.timeouts.effectiveTimeout("asset-processing"))
			.isEqualTo(this.timeouts.config("asset-processing").timeout());
	}

	private void record(String queue, int count, long millis) {
		for (int i = 0; i < count; i++) {
			this.timeouts.recordExecution(queue, Duration.ofMillis(millis));
		}
		this.settings.refresh();
	}

}
