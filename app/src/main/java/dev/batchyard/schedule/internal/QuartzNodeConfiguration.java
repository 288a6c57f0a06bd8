package dev.batchyard.schedule.internal;

import java.util.Properties;

import dev.batchyard.engine.EngineProperties.NodeProperties;
import dev.batchyard.schedule.ScheduleProperties;

import org.springframework.boot.quartz.autoconfigure.JobStoreType;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This node's Quartz scheduler in the cluster. Every node uses the same scheduler name
 * (that is what makes them one cluster in the shared JDBC store); each gets:
 * <ul>
 * <li>the node's id ({@code batchyard.node.id}, when set) as Quartz instance id, so that
 * nodes never collide the way {@code AUTO} ids (host name and start millisecond) can when
 * several nodes start in one JVM;</li>
 * <li>its threads named {@code quartz@<node>};</li>
 * <li>the {@link NodeLocalDataSourceJobStore}, whose connections come from this node's
 * DataSource and join its transactions even when other contexts of the same scheduler
 * name live in the JVM, and which takes a silent node for dead after
 * {@code batchyard.schedule.check-in-interval} plus {@code failover-grace}.</li>
 * </ul>
 * Boot does not expose the scheduler in Quartz's JVM-wide {@code SchedulerRepository}
 * ({@code SchedulerFactoryBean.exposeSchedulerInRepository} is false), so each context
 * gets a scheduler of its own.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
class QuartzNodeConfiguration {

	static final String INSTANCE_ID = "org.quartz.scheduler.instanceId";

	static final String CHECK_IN_INTERVAL = "org.quartz.jobStore.clusterCheckinInterval";

	@Bean
	SchedulerFactoryBeanCustomizer quartzNodeCustomizer(QuartzProperties quartz, NodeProperties node,
			ScheduleProperties schedule) {
		return (factory) -> factory.setQuartzProperties(properties(quartz, node, schedule));
	}

	static Properties properties(QuartzProperties quartz, NodeProperties node, ScheduleProperties schedule) {
		Properties properties = new Properties();
		properties.putAll(quartz.getProperties());
		boolean named = node.id() != null && !node.id().isBlank();
		if (named && "AUTO".equals(properties.getProperty(INSTANCE_ID, "AUTO"))) {
			properties.setProperty(INSTANCE_ID, node.id());
		}
		properties.putIfAbsent("org.quartz.threadPool.threadNamePrefix", "quartz@" + (named ? node.id() : "node"));
		if (quartz.getJobStoreType() == JobStoreType.JDBC) {
			properties.putIfAbsent("org.quartz.jobStore.class", NodeLocalDataSourceJobStore.class.getName());
			// a dead node's ticks move after its check-in interval plus the grace (2.5 s
			// by
			// default), not after Quartz's own interval plus 7.5 s (12.5 s and more)
			properties.putIfAbsent(CHECK_IN_INTERVAL, Long.toString(schedule.checkInInterval().toMillis()));
			properties.putIfAbsent("org.quartz.jobStore.failoverGraceMillis",
					Long.toString(schedule.failoverGrace().toMillis()));
		}
		return properties;
	}

}
