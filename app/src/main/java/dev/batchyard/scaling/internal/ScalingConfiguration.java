package dev.batchyard.scaling.internal;

import java.time.Clock;
import java.util.Locale;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.engine.EngineProperties;
import dev.batchyard.engine.Workers;
import dev.batchyard.limits.RateLimits;
import dev.batchyard.monitoring.Monitoring;
import dev.batchyard.node.NodeLoop;
import dev.batchyard.scaling.ScalingProperties;
import dev.batchyard.schedule.MaintenanceJobs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.Scheduler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the scaling service, checks every queue's configured policy at start (a bad value
 * fails the start and names the queue), writes the Quartz job and trigger
 * ({@code batchyard-maintenance.scaling}), starts this node's {@link PoolSizer} and
 * registers the node-count gauge {@code batchyard.scaling.nodes.wanted}.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScalingProperties.class)
class ScalingConfiguration {

	@Bean
	ScalingService scalingService(QueueCatalog catalog, Monitoring monitoring, RateLimits rateLimits, JdbcClient jdbc,
			JsonMapper json, PlatformTransactionManager transactionManager, ScalingProperties properties, Clock clock) {
		PolicyDefaults defaults = new PolicyDefaults(properties);
		for (QueueDefinition queue : catalog.queues()) {
			try {
				PolicyRules.check(defaults.of(queue));
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("The scaling policy of queue " + queue.name() + " is invalid: "
						+ ex.getMessage() + " (batchyard.scaling.queues." + queue.name() + ", batchyard.scaling.tiers."
						+ queue.tier().name().toLowerCase(Locale.ROOT) + " or the catalog's min-workers"
						+ " and max-workers)", ex);
			}
		}
		return new ScalingService(catalog, monitoring, rateLimits, defaults, new PolicyStore(jdbc),
				new HistoryStore(jdbc, json), NodeUsage.jvm(), new TransactionTemplate(transactionManager), properties,
				clock);
	}

	/** Only where scaling is on: off, every pool keeps the size it started with. */
	@Bean
	@ConditionalOnBooleanProperty(name = "batchyard.scaling.enabled", matchIfMissing = true)
	PoolSizer poolSizer(JdbcClient jdbc, Workers workers, ScalingProperties properties,
			EngineProperties engineProperties, Clock clock) {
		return new PoolSizer(new PolicyStore(jdbc), jdbc, workers, engineProperties.leaseDuration(), clock);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "batchyard.scaling.enabled", matchIfMissing = true)
	NodeLoop poolSizerLoop(PoolSizer sizer, ScalingProperties properties) {
		return new NodeLoop("batchyard-scaling",
				NodeLoop.Task.now(properties.refreshInterval(), "apply the scaling targets", sizer::resizePools));
	}

	@Bean
	SmartInitializingSingleton scalingGauge(ObjectProvider<MeterRegistry> meters, ScalingService scaling,
			ScalingProperties properties) {
		return () -> {
			MeterRegistry registry = meters.getIfAvailable();
			if (registry != null && properties.enabled()) {
				Gauge
					.builder("batchyard.scaling.nodes.wanted",
							() -> Math.ceil(scaling.totalTarget() / (double) properties.maxWorkersPerNode()))
					.description("Nodes the cluster wants: the sum of the queues' worker targets over"
							+ " batchyard.scaling.max-workers-per-node")
					.register(registry);
			}
		};
	}

	@Bean
	SmartInitializingSingleton scalingTrigger(Scheduler scheduler, ScalingProperties properties,
			PlatformTransactionManager transactionManager, Clock clock) {
		return () -> {
			if (properties.enabled()) {
				new TransactionTemplate(transactionManager)
					.executeWithoutResult((status) -> MaintenanceJobs.every(scheduler, "scaling", ScalingJob.class,
							"Scaling decisions for every queue (batchyard.scaling)", properties.interval(),
							properties.interval(), clock.instant()));
			}
		};
	}

}
