package dev.batchyard.schedule.internal;

import java.time.Clock;
import java.time.Duration;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.engine.EngineProperties;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.engine.Workers;
import dev.batchyard.schedule.ScheduleProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.Scheduler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the schedules.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleProperties.class)
class ScheduleConfiguration {

	@Bean
	ScheduleService schedules(JdbcClient jdbc, Scheduler scheduler, QueueCatalog catalog,
			ObjectProvider<JobType<?>> jobTypes, JsonMapper json, Jobs jobs, QueueControls controls,
			PlatformTransactionManager transactionManager, ApplicationEventPublisher events, Clock clock,
			ScheduleProperties properties, EngineProperties engineProperties, MeterRegistry meters) {
		ScheduleValidator validator = new ScheduleValidator(catalog, jobTypes, json,
				engineProperties.defaultPayloadLimitBytes(), clock);
		return new ScheduleService(new ScheduleStore(jdbc), new ScheduleTriggers(scheduler, properties.misfirePolicy()),
				validator, catalog, jobs, controls, new TransactionTemplate(transactionManager), events, clock, meters);
	}

	@Bean(destroyMethod = "close")
	PendingRuns pendingRuns(ScheduleService schedules, Workers workers) {
		return new PendingRuns(schedules, workers.nodeId(), Duration.ofSeconds(1));
	}

}
