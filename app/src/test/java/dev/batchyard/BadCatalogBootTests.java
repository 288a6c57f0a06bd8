package dev.batchyard;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bad catalog value stops the whole application before it serves anything, naming the
 * property and the rule.
 */
class BadCatalogBootTests {

	@Test
	void maxWorkersOfZeroStopsTheBootNamingTheProperty() {
		assertThatThrownBy(() -> boot("--batchyard.catalog.queues.default.max-workers=0")).rootCause()
			.hasMessageContaining("batchyard.catalog.queues.default.max-workers");
	}

	@Test
	void anUnknownTierStopsTheBootListingTheTiers() {
		assertThatThrownBy(() -> boot("--batchyard.catalog.queues.reports.tier=URGENT")).rootCause()
			.hasMessageContaining("batchyard.catalog.queues.reports.tier")
			.hasMessageContaining("CRITICAL");
	}

	@Test
	void aTenMillisecondTimeoutStopsTheBoot() {
		assertThatThrownBy(() -> boot("--batchyard.catalog.queues.email-retry.timeout=10ms")).rootCause()
			.hasMessageContaining("batchyard.catalog.queues.email-retry.timeout");
	}

	private static void boot(String... args) {
		SpringApplication application = new SpringApplication(BatchyardApplication.class);
		String[] all = new String[args.length + 2];
		all[0] = "--spring.main.web-application-type=none";
		all[1] = "--spring.datasource.url=jdbc:h2:mem:bad-catalog;DB_CLOSE_DELAY=-1";
		System.arraycopy(args, 0, all, 2, args.length);
		application.run(all).close();
	}

}
