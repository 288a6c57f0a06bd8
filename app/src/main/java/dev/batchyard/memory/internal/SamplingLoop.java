package dev.batchyard.memory.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.batchyard.memory.CurrentMemory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Samples this node's memory every interval on a thread named {@code batchyard-memory},
 * and hands each sample to what acts on it (recycling, the MEMORY_USAGE alert, the
 * self-restart), each on its own: a failed sample or a failing consumer is logged and the
 * next sample is taken as usual.
 *
 * @author Batchyard
 */
class SamplingLoop implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SamplingLoop.class);

	private final MemorySampler sampler;

	private final Duration interval;

	private final List<Consumer<CurrentMemory>> afterSample;

	private volatile ScheduledExecutorService executor;

	SamplingLoop(MemorySampler sampler, Duration interval, List<Consumer<CurrentMemory>> afterSample) {
		this.sampler = sampler;
		this.interval = interval;
		this.afterSample = afterSample;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("batchyard-memory").daemon(true).factory());
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this::sample, 0, millis, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	private void sample() {
		CurrentMemory sample;
		try {
			sample = this.sampler.sample();
		}
		catch (Throwable ex) {
			// a thrown task would cancel the schedule
			logger.warn("Memory sample failed", ex);
			return;
		}
		for (Consumer<CurrentMemory> consumer : this.afterSample) {
			try {
				consumer.accept(sample);
			}
			catch (Throwable ex) {
				logger.warn("Acting on a memory sample failed; trying again after the next one: " + ex, ex);
			}
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
