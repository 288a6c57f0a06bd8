package dev.batchyard.memory.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.Workers;
import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.memory.Memory;
import dev.batchyard.memory.MemoryProperties;
import dev.batchyard.monitoring.Monitoring;
import dev.batchyard.node.NodeLoop;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires memory.
 *
 * @author Batchyard
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MemoryProperties.class)
class MemoryConfiguration {

	@Bean
	MemorySampler memorySampler(MemoryProperties properties, ApplicationEventPublisher events, Clock clock) {
		return new MemorySampler(new CurrentMemory.Limits(properties.softLimitMb(), properties.hardLimitMb(),
				properties.warningThresholdPercent()), events, clock);
	}

	@Bean
	AllocationPercentiles allocationPercentiles() {
		return new AllocationPercentiles();
	}

	@Bean
	WorkerRecycler workerRecycler(ObjectProvider<Workers> workers, MemorySampler sampler, MemoryProperties properties,
			Clock clock) {
		return new WorkerRecycler(workers, sampler, properties, clock);
	}

	@Bean
	Memory memory(MemorySampler sampler, AllocationPercentiles allocations, QueueCatalog catalog,
			MemoryProperties properties, WorkerRecycler recycler) {
		return new MemoryService(sampler, allocations, catalog, properties, recycler);
	}

	@Bean
	MemoryBudgets memoryBudgets(MemoryProperties properties, MemorySampler sampler, QueueCatalog catalog,
			ObjectProvider<Workers> workers) {
		// an unknown queue is a typo that would otherwise limit nothing, silently
		properties.budgets().keySet().forEach(catalog::get);
		return new MemoryBudgets(properties.budgets(), properties.hardLimitMb(), sampler, workers);
	}

	@Bean
	NodeLoop memorySamplingLoop(MemorySampler sampler, MemoryProperties properties, WorkerRecycler recycler,
			ObjectProvider<Monitoring> monitoring, ObjectProvider<Workers> workers, ApplicationContext context,
			Clock clock) {
		List<Consumer<CurrentMemory>> afterSample = new ArrayList<>();
		afterSample.add(recycler::afterSample);
		Monitoring alerts = monitoring.getIfAvailable();
		if (alerts != null) {
			afterSample.add(new MemoryAlerts(alerts, () -> workers.getObject().nodeId())::afterSample);
		}
		if (properties.exitOnHardLimit()) {
			afterSample.add(new HardLimitExit(properties.exitOnHardLimitAfter(), clock,
					(code) -> exitProcess(context, code))::afterSample);
		}
		SamplingLoop sampling = new SamplingLoop(sampler, List.copyOf(afterSample));
		return new NodeLoop("batchyard-memory",
				NodeLoop.Task.now(properties.sampleInterval(), "sample this node's memory", sampling::sample));
	}

	/**
	 * Closes the context, which stops the engine gracefully (no more claims, running jobs
	 * finish or are handed back), then exits the JVM; on a thread of its own, as closing
	 * the context stops the sampling thread that decided it.
	 */
	private static void exitProcess(ApplicationContext context, int code) {
		// not a daemon (a thread inherits that from the sampling thread): the JVM would
		// end with code 0 once the context is closed, before System.exit runs
		Thread.ofPlatform().name("batchyard-memory-exit").daemon(false).start(() -> {
			try {
				SpringApplication.exit(context, () -> code);
			}
			finally {
				System.exit(code);
			}
		});
	}

}
