package dev.batchyard.engine.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.batchyard.engine.StepDecorator;

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
			sample.stop(Timer.builder("batchyard.step.duration")
				.description("How long job steps take")
				.tag("queue", job.queueName())
				.tag("type", job.type())
				.tag("step", step.getStepName())
				.tag("outcome", outcome)
				.register(this.meters));
		}
	}

}
