package dev.batchyard.memory.internal;

import java.time.Clock;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.engine.Workers;
import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.memory.Memory;
import dev.batchyard.memory.MemoryProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
	Memory memory(MemorySampler sampler, AllocationPercentiles allocations, QueueCatalog catalog,
			MemoryProperties properties) {
		return new MemoryService(sampler, allocations, catalog, properties);
	}

	@Bean
	MemoryBudgets memoryBudgets(MemoryProperties properties, MemorySampler sampler, QueueCatalog catalog,
			ObjectProvider<Workers> workers) {
		// an unknown queue is a typo that would otherwise limit nothing, silently
		properties.budgets().keySet().forEach(catalog::get);
		return new MemoryBudgets(properties.budgets(), properties.hardLimitMb(), sampler, workers);
	}

	@Bean
	SamplingLoop memorySamplingLoop(MemorySampler sampler, MemoryProperties properties) {
		return new SamplingLoop(sampler, properties.sampleInterval());
	}

}
