package dev.batchyard.monitoring.internal;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.Workers;
import dev.batchyard.limits.Timeouts;
import dev.batchyard.monitoring.Monitoring;
import dev.batchyard.monitoring.MonitoringProperties;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;

import dev.batchyard.schedule.MaintenanceJobs;
import org.quartz.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires monitoring and writes its Quartz job and trigger ({@code batchyard-maintenance.
 * monitoring}). A node writes the trigger only when it is missing or its interval differs
 * from this node's configuration, so restarts do not push the next run back.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MonitoringProperties.class)
class MonitoringConfiguration {

	@Bean
	LiveFigures liveFigures(QueueCatalog catalog, JdbcClient jdbc, Workers workers, Timeouts timeouts, Clock clock,
			MonitoringProperties properties) {
		Duration stale = properties.countsRefresh().multipliedBy(3);
		return new LiveFigures(catalog,
				new QueueCounts(jdbc, clock, properties.rateWindow(), properties.reconcileInterval()),
				new WorkerLoads(jdbc, workers, clock, (stale.getSeconds() < 15) ? Duration.ofSeconds(15) : stale),
				timeouts, new AlertStore(jdbc), clock, properties.countsRefresh());
	}

	@Bean
	NotificationOutbox notificationOutbox(JdbcClient jdbc, JsonMapper json, MonitoringProperties properties,
			Clock clock) {
		return new NotificationOutbox(jdbc, json, properties.notifications(), clock);
	}

	@Bean
	NotificationSender notificationSender(NotificationOutbox outbox, MonitoringProperties properties, JsonMapper json,
			ObjectProvider<JavaMailSender> mail) {
		return new NotificationSender(outbox, properties.notifications(), json, mail.getIfAvailable());
	}

	@Bean
	QueueAlertThresholds queueAlertThresholds(MonitoringProperties properties, QueueCatalog catalog) {
		return new QueueAlertThresholds(properties, catalog);
	}

	@Bean
	IntervalWork intervalWork(LiveFigures figures, JdbcClient jdbc, Workers workers, NotificationOutbox outbox,
			PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
			MonitoringProperties properties, QueueAlertThresholds thresholds, Clock clock) {
		return new IntervalWork(figures, new AlertStore(jdbc), new SnapshotStore(jdbc),
				new WorkerLoads(jdbc, workers, clock, Duration.ofHours(1)), outbox,
				new TransactionTemplate(transactionManager), events, properties, thresholds, clock);
	}

	@Bean
	Monitoring monitoring(QueueCatalog catalog, LiveFigures figures, JdbcClient jdbc, IntervalWork intervalWork,
			MonitoringProperties properties, QueueAlertThresholds thresholds, Clock clock) {
		return new MonitoringService(catalog, figures, new AlertStore(jdbc), new SnapshotStore(jdbc), intervalWork,
				properties, thresholds, clock);
	}

	/**
	 * Only where this node monitors: with monitoring off it keeps no counts, and every
	 * health probe (a load balancer's, every few seconds) would count the job table
	 * afresh.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "batchyard.monitoring.enabled", matchIfMissing = true)
	MonitoringHealthIndicator monitoringHealthIndicator(Monitoring monitoring) {
		return new MonitoringHealthIndicator(monitoring);
	}

	@Bean
	MonitoringMeters monitoringMeters(QueueCatalog catalog, LiveFigures figures, Workers workers,
			ObjectProvider<MeterRegistry> meters, MonitoringProperties properties, Clock clock) {
		return new MonitoringMeters(catalog, figures, workers, meters.getIfAvailable(), properties.enabled(), clock);
	}

	@Bean
	ClusterEventBus liveEvents(DataSource dataSource, JdbcClient jdbc, JsonMapper json, Workers workers) {
		return new ClusterEventBus(dataSource, jdbc, json, workers.nodeId(), isPostgres(dataSource));
	}

	private static boolean isPostgres(DataSource dataSource) {
		try {
			return "PostgreSQL"
				.equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
		}
		catch (MetaDataAccessException ex) {
			return false;
		}
	}

	/**
	 * The threads of this node: the counts refresh, the notification delivery, the live
	 * events.
	 */
	@Bean
	SmartLifecycle monitoringThreads(LiveFigures figures, NotificationSender sender, ClusterEventBus events,
			MonitoringProperties properties, Workers workers) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				String nodeId = workers.nodeId();
				if (properties.enabled()) {
					figures.start(nodeId);
					sender.start(nodeId);
				}
				events.start();
				this.running = true;
			}

			@Override
			public void stop() {
				figures.stop();
				sender.stop();
				events.stop();
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

	@Bean
	SmartInitializingSingleton monitoringTrigger(Scheduler scheduler, MonitoringProperties properties,
			PlatformTransactionManager transactionManager, Clock clock) {
		return () -> {
			if (properties.enabled()) {
				new TransactionTemplate(transactionManager)
					.executeWithoutResult((status) -> MaintenanceJobs.every(scheduler, "monitoring",
							MonitoringJob.class, "Metric history, alerts and pruning (batchyard.monitoring)",
							properties.interval(), properties.interval(), clock.instant()));
			}
		};
	}

}
