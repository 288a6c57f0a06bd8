package dev.batchyard.limits;

import java.time.Duration;
import java.util.List;

import dev.batchyard.catalog.RateLimitAlgorithm;
import dev.batchyard.catalog.RateLimitDefinition;
import dev.batchyard.limits.internal.LocalLimiting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.batchyard.catalog.RateLimitAlgorithm.FIXED_WINDOW;
import static dev.batchyard.catalog.RateLimitAlgorithm.SLIDING_WINDOW;
import static dev.batchyard.catalog.RateLimitAlgorithm.TOKEN_BUCKET;
import static dev.batchyard.limits.RateLimitsFixtures.perSecond;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node-local algorithms, with time moved by the test.
 */
class LocalRateLimitsTests {

	private final ManualTime time = new ManualTime();

	private RateLimits limits(RateLimitDefinition... definitions) {
		return limits(1, definitions);
	}

	private RateLimits limits(int nodes, RateLimitDefinition... definitions) {
		return RateLimitsFixtures.rateLimits(new LocalLimiting(this.time, this.time, nodes), definitions);
	}

	@ParameterizedTest
	@EnumSource(RateLimitAlgorithm.class)
	void everyAlgorithmAllowsExactlyTheLimitAtOnceThenDenies(RateLimitAlgorithm algorithm) {
		RateLimits limits = limits(perSecond("api", algorithm, 5));

		for (int i = 0; i < 5; i++) {
			assertThat(limits.tryAcquire("api").granted()).as("permit %d", i + 1).isTrue();
		}
		Permit denied = limits.tryAcquire("api");

		assertThat(denied.granted()).isFalse();
		assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aSlidingWindowCountsTheLastWindowLengthAndSaysWhenTheOldestPermitLeavesIt() {
		RateLimits limits = limits(perSecond("api", SLIDING_WINDOW, 5));
		grant(limits, "api", 2);
		this.time.advanceMillis(300);
		grant(limits, "api", 3);

		assertThat(limits.tryAcquire("api").retryAfter()).isEqualTo(Duration.ofMillis(700));
		this.time.advanceMillis(699);
		assertThat(limits.tryAcquire("api").retryAfter()).isEqualTo(Duration.ofMillis(1));
		this.time.advanceMillis(1);
		// (0 s, 1 s]: the two permits of 0 s have left, the three of 0.3 s are in
		grant(limits, "api", 2);
		assertThat(limits.tryAcquire("api").retryAfter()).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void aTokenBucketRefillsAtTheLimitPerWindowUpToItsCapacity() {
		RateLimits limits = limits(perSecond("api", TOKEN_BUCKET, 5));
		grant(limits, "api", 5);

		assertThat(limits.tryAcquire("api").retryAfter()).isEqualTo(Duration.ofMillis(200));
		this.time.advanceMillis(200);
		grant(limits, "api", 1);
		assertThat(limits.tryAcquire("api").granted()).isFalse();
		this.time.advance(Duration.ofSeconds(10));
		grant(limits, "api", 5);
		assertThat(limits.tryAcquire("api").granted()).isFalse();
	}

	@Test
	void aFixedWindowBackedByResilience4jAllowsTheLimitAgainInTheNextPeriod() {
		RateLimits limits = limits(perSecond("api", FIXED_WINDOW, 5));
		grant(limits, "api", 5);
		this.time.advanceMillis(300);

		assertThat(limits.tryAcquire("api").retryAfter()).isEqualTo(Duration.ofMillis(700));
		this.time.advanceMillis(700);
		grant(limits, "api", 5);
		assertThat(limits.tryAcquire("api").granted()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(RateLimitAlgorithm.class)
	void aPermitNeedsEveryWindowAndTheLongerWindowSaysHowLongToWait(RateLimitAlgorithm algorithm) {
		RateLimits limits = limits(new RateLimitDefinition("api", algorithm, 5L, 8L, null, null));
		grant(limits, "api", 5);
		assertThat(limits.tryAcquire("api").retryAfter()).isLessThanOrEqualTo(Duration.ofSeconds(1));

		this.time.advance(Duration.ofSeconds(1));
		grant(limits, "api", 3);
		Permit denied = limits.tryAcquire("api");

		assertThat(denied.granted()).isFalse();
		assertThat(denied.retryAfter()).isGreaterThan(Duration.ofSeconds(1));
		RateLimitStatus.Windows windows = limits.status("api").windows();
		assertThat(windows.perSecond().current()).isEqualTo(3);
		assertThat(windows.perMinute().current()).isEqualTo(8);
		assertThat(windows.perMinute().remaining()).isZero();
	}

	@Test
	void aSlidingWindowOfAMinuteWaitsForItsOldestPermit() {
		RateLimits limits = limits(new RateLimitDefinition("api", SLIDING_WINDOW, 5L, 8L, null, null));
		grant(limits, "api", 5);
		this.time.advance(Duration.ofSeconds(1));
		grant(limits, "api", 3);

		assertThat(limits.tryAcquire("api").retryAfter()).isEqualTo(Duration.ofSeconds(59));
	}

	@ParameterizedTest
	@EnumSource(RateLimitAlgorithm.class)
	void aDeniedRequestTakesNothingFromTheWindowsThatAllowedIt(RateLimitAlgorithm algorithm) {
		RateLimits limits = limits(new RateLimitDefinition("api", algorithm, 5L, 100L, null, null));
		grant(limits, "api", 5);

		for (int i = 0; i < 10; i++) {
			assertThat(limits.tryAcquire("api").granted()).isFalse();
		}

		assertThat(limits.status("api").windows().perMinute().current()).isEqualTo(5);
	}

	@ParameterizedTest
	@EnumSource(RateLimitAlgorithm.class)
	void aRequestForSeveralLimitersTakesFromAllOrNone(RateLimitAlgorithm algorithm) {
		RateLimits limits = limits(perSecond("scarce", algorithm, 1), perSecond("plenty", algorithm, 5));

		assertThat(limits.tryAcquire(List.of("plenty", "scarce")).granted()).isTrue();
		assertThat(limits.tryAcquire(List.of("plenty", "scarce")).granted()).isFalse();

		assertThat(limits.status("plenty").windows().perSecond().current()).isEqualTo(1);
		assertThat(limits.status("scarce").windows().perSecond().remaining()).isZero();
	}

	@Test
	void aNodeTakesItsShareOfTheLimitWhenSeveralNodesShareIt() {
		RateLimits limits = limits(3, perSecond("api", SLIDING_WINDOW, 10));

		grant(limits, "api", 3);

		assertThat(limits.tryAcquire("api").granted()).isFalse();
		assertThat(limits.status("api").windows().perSecond().limit()).isEqualTo(3);
	}

	@Test
	void theStatusShowsEachWindowWithItsResetTimeAndIsNotDistributed() {
		RateLimits limits = limits(new RateLimitDefinition("api", FIXED_WINDOW, 5L, null, 1000L, null));
		grant(limits, "api", 2);
		this.time.advanceMillis(250);

		RateLimitStatus status = limits.status("api");

		assertThat(status.distributed()).isFalse();
		assertThat(status.windows().perMinute()).isNull();
		assertThat(status.windows().perDay()).isNull();
		RateLimitStatus.Window second = status.windows().perSecond();
		assertThat(second.current()).isEqualTo(2);
		assertThat(second.limit()).isEqualTo(5);
		assertThat(second.remaining()).isEqualTo(3);
		assertThat(second.resetAt()).isEqualTo(this.time.instant().plusMillis(750));
		assertThat(status.windows().perHour().remaining()).isEqualTo(998);
	}

	@Test
	void aLowerLimitAppliesToTheCountsAlreadyMadeFromTheNextRequest() {
		InMemoryOverrideStore store = new InMemoryOverrideStore();
		RateLimits limits = RateLimitsFixtures.rateLimits(new LocalLimiting(this.time, this.time, 1), store,
				perSecond("api", SLIDING_WINDOW, 5));
		grant(limits, "api", 3);

		limits.update("api", new RateLimitInput(null, 3L, null, null, null), "admin");

		assertThat(limits.tryAcquire("api").granted()).isFalse();
		this.time.advance(Duration.ofSeconds(1));
		grant(limits, "api", 3);
		assertThat(limits.tryAcquire("api").granted()).isFalse();
	}

	private static void grant(RateLimits limits, String name, int permits) {
		for (int i = 0; i < permits; i++) {
			assertThat(limits.tryAcquire(name).granted()).as("permit %d of %d", i + 1, permits).isTrue();
		}
	}

}
