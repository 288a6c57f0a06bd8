package dev.batchyard.limits;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.RateLimitAlgorithm;
import dev.batchyard.limits.internal.RateLimitConfigs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The effective configuration: catalog overlaid by admin changes, and their validation.
 */
class RateLimitConfigsTests {

	private final InMemoryOverrideStore store = new InMemoryOverrideStore();

	private final RateLimitConfigs configs = new RateLimitConfigs(QueueCatalog.builtIn(), this.store, new ManualTime());

	@Test
	void withoutOverridesEveryLimiterIsAsTheCatalogSays() {
		assertThat(this.configs.all()).hasSize(8);
		assertThat(this.configs.get("emailSending")).isEqualTo(
				new RateLimitConfig("emailSending", RateLimitAlgorithm.SLIDING_WINDOW, null, 300L, 10_000L, 100_000L));
	}

	@Test
	void anOverrideReplacesTheValuesItGivesAndKeepsTheOthers() {
		RateLimitConfig updated = this.configs.update("emailSending",
				new RateLimitInput(RateLimitAlgorithm.TOKEN_BUCKET, 50L, null, null, null), "admin");

		assertThat(updated).isEqualTo(
				new RateLimitConfig("emailSending", RateLimitAlgorithm.TOKEN_BUCKET, 50L, 300L, 10_000L, 100_000L));
		assertThat(this.configs.get("emailSending")).isEqualTo(updated);
	}

	@Test
	void aSecondChangeKeepsWhatTheFirstChanged() {
		this.configs.update("stripeApi", new RateLimitInput(null, 20L, null, null, null), "admin");

		RateLimitConfig updated = this.configs.update("stripeApi", new RateLimitInput(null, null, null, 900L, null),
				"admin");

		assertThat(updated.perSecond()).isEqualTo(20L);
		assertThat(updated.perHour()).isEqualTo(900L);
	}

	@Test
	void aChangeStoredByAnotherNodeIsSeenAfterARefresh() {
		this.store.save("resendApi", new RateLimitInput(null, 3L, null, null, null), "admin", null);
		assertThat(this.configs.get("resendApi").perSecond()).isEqualTo(10L);

		this.configs.refresh();

		assertThat(this.configs.get("resendApi").perSecond()).isEqualTo(3L);
	}

	@Test
	void aLimitBelowOneIsRefusedNamingTheFieldAndNothingChanges() {
		assertThatExceptionOfType(InvalidRateLimitException.class)
			.isThrownBy(() -> this.configs.update("stripeApi", new RateLimitInput(null, 10L, 0L, null, null), "admin"))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("perMinute"))
			.withMessageContaining("perMinute must be at least 1");

		assertThat(this.store.loadAll()).isEmpty();
		assertThat(this.configs.get("stripeApi").perSecond()).isEqualTo(100L);
	}

	@Test
	void anEmptyChangeIsRefused() {
		assertThatExceptionOfType(InvalidRateLimitException.class)
			.isThrownBy(
					() -> this.configs.update("stripeApi", new RateLimitInput(null, null, null, null, null), "admin"))
			.withMessageContaining("at least one of");
	}

	@Test
	void anUnknownLimiterIsNotFound() {
		assertThatExceptionOfType(LimiterNotFoundException.class).isThrownBy(() -> this.configs.get("nope"));
		assertThatExceptionOfType(LimiterNotFoundException.class)
			.isThrownBy(() -> this.configs.update("nope", new RateLimitInput(null, 1L, null, null, null), "admin"));
	}

	@Test
	void aStoreThatCannotBeReadKeepsTheLoadedOverrides() {
		this.configs.update("stripeApi", new RateLimitInput(null, 20L, null, null, null), "admin");
		RateLimitConfigs failing = new RateLimitConfigs(QueueCatalog.builtIn(), new InMemoryOverrideStore() {
			private int calls;

			@Override
			public java.util.Map<String, RateLimitInput> loadAll() {
				if (this.calls++ > 0) {
					throw new IllegalStateException("database down");
				}
				return RateLimitConfigsTests.this.store.loadAll();
			}
		}, new ManualTime());

		failing.refresh();

		assertThat(failing.get("stripeApi").perSecond()).isEqualTo(20L);
	}

}
