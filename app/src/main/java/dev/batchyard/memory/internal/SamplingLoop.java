package dev.batchyard.memory.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Samples this node's memory every interval on a thread named {@code batchyard-memory}; a
 * failed sample is logged and the next one is taken as usual.
 *
 * @author Batchyard
 */
class SamplingLoop implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SamplingLoop.class);

	private final MemorySampler sampler;

	private final Duration interval;

	private volatile ScheduledExecutorService executor;

	SamplingLoop(MemorySampler sampler, Duration interval) {
		this.sampler = sampler;
		this.interval = interval;
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
		try {
			this.sampler.sample();
		}
		catch (Throwable ex) {
			// a thrown task would cancel the schedule
			logger.warn("Memory sample failed", ex);
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
