package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.engine.StepDecorator.RunningJob;
import dev.batchyard.limits.TimeoutConfig;
import dev.batchyard.limits.Timeouts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The time limiter's edges that the engine tests do not reach: a step that starts while
 * the node is stopping (the limiter's timer is gone) still runs, without a limit.
 */
class TimeLimitDecoratorTests {

	private final Timeouts timeouts = mock(Timeouts.class);

	private final RunningAttempts running = new RunningAttempts();

	@Test
	void aStepStartingAfterTheTimerStoppedRunsWithoutALimit() throws Exception {
		given(this.timeouts.config("default"))
			.willReturn(new TimeoutConfig("default", Duration.ofMinutes(5), false, 80, Duration.ofMinutes(5)));
		TimeLimitDecorator decorator = new TimeLimitDecorator(this.timeouts, this.running,
				new TimeLimitDecorator.Outlets(new SimpleMeterRegistry(), (event) -> {
				}, (jobId, line) -> {
				}), Clock.systemUTC(), System::nanoTime);
		ClaimedJob job = new ClaimedJob(7, "default", "probe", "{}", 1, 3, Backoff.fixed(Duration.ofSeconds(1)), null,
				Instant.now(), Instant.now(), Instant.now());
		this.running.begin(job, (attempt, error) -> {
		});
		decorator.close();
		AtomicBoolean ran = new AtomicBoolean();

		decorator.around(step(), new RunningJob(7, "default", "probe", 1), () -> ran.set(true));

		assertThat(ran).isTrue();
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	private static StepExecution step() {
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, "probe"), new JobParameters());
		return new StepExecution(2L, "step-1", execution);
	}

}
