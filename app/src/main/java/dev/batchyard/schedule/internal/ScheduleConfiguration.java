package dev.batchyard.schedule.internal;

import java.time.Clock;
import java.time.Duration;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.engine.EngineProperties;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.engine.Workers;
import dev.batchyard.node.NodeLoop;
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

	/**
	 * Starts the pending runs of BUFFER_ONE schedules once the job they wait for has
	 * finished. Every node looks, every second: the job may finish on any node, or its
	 * node may die, and a look is one query on the small {@code schedule_meta} table. Two
	 * nodes looking at once take turns on the schedule's row lock, and the second finds
	 * the run started.
	 */
	@Bean
	NodeLoop pendingRuns(ScheduleService schedules, Workers workers) {
		return new NodeLoop("schedule-pending-runs@" + workers.nodeId(), NodeLoop.Task.every(Duration.ofSeconds(1),
				"start the pending runs of schedules", schedules::startPendingRuns));
	}

}
