package dev.batchyard.retention.internal;

import java.time.Clock;
import java.time.Duration;

import dev.batchyard.engine.BatchMetadata;
import dev.batchyard.retention.RetentionProperties;
import dev.batchyard.schedule.MaintenanceJobs;
import org.quartz.Scheduler;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires retention and writes its Quartz job and trigger, in group
 * {@code batchyard-maintenance} (see {@link MaintenanceJobs}). A node writes the trigger
 * only when it is missing or its interval differs from this node's configuration, so
 * restarts do not push the next run back.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

	@Bean
	JobRetention retention(JdbcClient jdbc, BatchMetadata batchMetadata, RetentionProperties properties, Clock clock) {
		return new JobRetention(jdbc, batchMetadata, properties, clock);
	}

	@Bean
	SmartInitializingSingleton retentionTrigger(Scheduler scheduler, RetentionProperties properties,
			PlatformTransactionManager transactionManager, Clock clock) {
		return () -> new TransactionTemplate(transactionManager)
			.executeWithoutResult((status) -> MaintenanceJobs.every(scheduler, "retention", RetentionJob.class,
					"Deletes finished jobs past their horizon (batchyard.retention)", properties.interval(),
					firstIn(properties.interval()), clock.instant()));
	}

	private static Duration firstIn(Duration interval) {
		return (interval.compareTo(Duration.ofMinutes(1)) < 0) ? interval : Duration.ofMinutes(1);
	}

}
