package dev.batchyard.engine;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.EngineProperties.WorkerThreads;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which thread kind each queue's workers get, as bound from configuration.
 */
class QueueThreadsTests {

	@Test
	void criticalQueuesRunOnPlatformThreadsWhateverIsConfiguredAndEveryOtherQueueAsConfigured() {
		try (ConfigurableApplicationContext node = new SpringApplicationBuilder(BatchyardApplication.class).run(
				"--spring.main.web-application-type=none",
				"--spring.datasource.url=jdbc:h2:mem:queue-threads;DB_CLOSE_DELAY=-1",
				"--batchyard.engine.queue-threads.password-reset=virtual",
				"--batchyard.engine.queue-threads.email-campaigns=platform",
				"--batchyard.engine.queue-threads.asset-processing=virtual")) {
			EngineProperties engine = node.getBean(EngineProperties.class);
			QueueCatalog catalog = node.getBean(QueueCatalog.class);

			assertThat(engine.threadsOf(catalog.get("password-reset"))).isEqualTo(WorkerThreads.PLATFORM);
			assertThat(engine.threadsOf(catalog.get("payment-processing"))).isEqualTo(WorkerThreads.PLATFORM);
			assertThat(engine.threadsOf(catalog.get("email-campaigns"))).isEqualTo(WorkerThreads.PLATFORM);
			assertThat(engine.threadsOf(catalog.get("asset-processing"))).isEqualTo(WorkerThreads.VIRTUAL);
			assertThat(engine.threadsOf(catalog.get("search-reindex"))).isEqualTo(WorkerThreads.PLATFORM);
			assertThat(engine.threadsOf(catalog.get("tax-document-generation"))).isEqualTo(WorkerThreads.PLATFORM);
			assertThat(engine.threadsOf(catalog.get("default"))).isEqualTo(WorkerThreads.VIRTUAL);
		}
	}

}
