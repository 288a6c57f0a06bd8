package dev.batchyard.engine.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what went wrong inside dispatchers, per queue, so that an operator sees it
 * without reading logs: jobs a claim returned beyond what it asked for (handed straight
 * back to {@code waiting}), unexpected errors the dispatch loop survived, and dispatcher
 * threads the housekeeping found dead and started again.
 *
 * @author Batchyard
 */
class DispatchFaults {

	private final MeterRegistry meters;

	DispatchFaults(MeterRegistry meters) {
		this.meters = meters;
	}

	void overClaimed(String queueName, int jobs) {
		counter("batchyard.dispatcher.overclaimed", "Claimed jobs beyond the pool's free workers, handed back",
				queueName)
			.increment(jobs);
	}

	void loopFailed(String queueName) {
		counter("batchyard.dispatcher.errors", "Unexpected errors a dispatcher survived", queueName).increment();
	}

	void restarted(String queueName) {
		counter("batchyard.dispatcher.restarts", "Dispatcher threads found dead and started again", queueName)
			.increment();
	}

	private Counter counter(String name, String description, String queueName) {
		return Counter.builder(name).description(description).tag("queue", queueName).register(this.meters);
	}

}
