package dev.batchyard.memory.internal;

import java.util.List;
import java.util.function.Consumer;

import dev.batchyard.memory.CurrentMemory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One round of the memory loop (a {@link dev.batchyard.node.NodeLoop} named
 * {@code batchyard-memory}, every sample interval): takes a sample and hands it to what
 * acts on it (recycling, the MEMORY_USAGE alert, the self-restart), each on its own, so
 * that a failing consumer is logged and the others still get the sample.
 *
 * @author Batchyard
 */
class SamplingLoop {

	private static final Log logger = LogFactory.getLog(SamplingLoop.class);

	private final MemorySampler sampler;

	private final List<Consumer<CurrentMemory>> afterSample;

	SamplingLoop(MemorySampler sampler, List<Consumer<CurrentMemory>> afterSample) {
		this.sampler = sampler;
		this.afterSample = afterSample;
	}

	void sample() {
		CurrentMemory sample = this.sampler.sample();
		for (Consumer<CurrentMemory> consumer : this.afterSample) {
			try {
				consumer.accept(sample);
			}
			catch (Throwable ex) {
				logger.warn("Acting on a memory sample failed; trying again after the next one: " + ex, ex);
			}
		}
	}

}
