package dev.batchyard.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.batchyard.engine.StepDecorator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.Ordered;

/**
 * The outermost decorator: times every step, by queue, job type and step, as
 * {@code batchyard.step.duration} (failed steps too, tagged with their outcome).
 *
 * @author Batchyard
 */
class StepTimingDecorator implements StepDecorator {

	private final MeterRegistry meters;

	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	StepTimingDecorator(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public void around(StepExecution step, RunningJob job, Invocation next) throws Exception {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "failed";
		try {
			next.proceed();
			outcome = step.getStatus().name().toLowerCase(java.util.Locale.ROOT);
		}
		finally {
			sample.stop(this.timers.computeIfAbsent(
					new TimerKey(job.queueName(), job.type(), step.getStepName(), outcome), this::register));
		}
	}

	private Timer register(TimerKey key) {
		return Timer.builder("batchyard.step.duration")
			.description("How long job steps take")
			.tag("queue", key.queueName())
			.tag("type", key.type())
			.tag("step", key.step())
			.tag("outcome", key.outcome())
			.register(this.meters);
	}

	/** A timer's tags: looking a timer up by them costs less than building its id. */
	private record TimerKey(String queueName, String type, String step, String outcome) {

	}

}
