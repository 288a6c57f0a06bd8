package dev.batchyard.scaling;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.Workers;
import dev.batchyard.scaling.internal.PoolSizer;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code batchyard.scaling.enabled=false} nothing resizes a pool: every pool keeps
 * its queue's configured concurrency, and the policies can still be read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
		"spring.datasource.url=jdbc:h2:mem:scaling-off;DB_CLOSE_DELAY=-1", "batchyard.scaling.enabled=false" })
class ScalingOffTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Workers workers;

	@Autowired
	QueueCatalog catalog;

	@Autowired
	Scaling scaling;

	@Autowired
	Scheduler scheduler;

	@Test
	void poolsKeepTheirConfiguredSizeAndNoScalingRunIsScheduled() throws Exception {
		assertThat(this.context.getBeanNamesForType(PoolSizer.class)).isEmpty();
		assertThat(this.scheduler.checkExists(TriggerKey.triggerKey("scaling", "batchyard-maintenance"))).isFalse();
		assertThat(this.workers.workers()).allSatisfy(
				(worker) -> assertThat(worker.size()).isEqualTo(this.catalog.get(worker.queueName()).concurrency()));
		assertThat(this.scaling.policies()).hasSize(this.catalog.queues().size());
	}

}
