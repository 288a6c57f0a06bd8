package dev.batchyard.catalog.probe;

import java.util.ArrayList;
import java.util.List;

import dev.batchyard.catalog.spi.Bookkeeping;
import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The built-in diagnostic job type {@code probe}: it sleeps, spins a CPU, fails its first
 * attempts in a chosen step, allocates memory, or runs several steps. Operators use it as
 * a canary and to test alerts, limits and scaling; tests and benchmarks use it as the
 * no-op job.
 * <p>
 * Its result says which steps this attempt ran ({@code stepsRun}), which shows a retry of
 * a multi-step probe resuming at the step that failed.
 *
 * @author Batchyard
 */
public class ProbeJobType implements JobType<ProbePayload> {

	/** The type's name. */
	public static final String NAME = "probe";

	private static final JobTypeDescriptor<ProbePayload> DESCRIPTOR = new JobTypeDescriptor<>(NAME, "default",
			ProbePayload.class);

	@Override
	public JobTypeDescriptor<ProbePayload> descriptor() {
		return DESCRIPTOR;
	}

	@Override
	public Bookkeeping bookkeeping(ProbePayload payload) {
		return (payload.steps() == 1) ? Bookkeeping.LIGHT : Bookkeeping.DURABLE;
	}

	@Override
	public Job job(ProbePayload payload, JobContext context) {
		List<String> stepsRun = new ArrayList<>();
		Step[] steps = new Step[payload.steps()];
		for (int i = 1; i <= payload.steps(); i++) {
			steps[i - 1] = step(i, payload, context, stepsRun);
		}
		return context.job(NAME + ((payload.steps() > 1) ? "-" + payload.steps() + "-steps" : ""), steps);
	}

	private static Step step(int number, ProbePayload payload, JobContext context, List<String> stepsRun) {
		String name = "step-" + number;
		return context.step(name).tasklet((contribution, chunk) -> {
			stepsRun.add(name);
			byte[][] held = allocate(payload.allocateMb());
			if (payload.sleepMs() > 0) {
				Thread.sleep(payload.sleepMs());
			}
			spin(payload.spinMs());
			if (context.attempt() <= payload.failAttempts() && number == payload.failStep()) {
				throw new ProbeFailureException(
						"probe fails attempt " + context.attempt() + " of " + payload.failAttempts() + " in " + name);
			}
			context.progress(number * 100 / payload.steps());
			if (number == payload.steps()) {
				context.result(new ProbeResult(List.copyOf(stepsRun), context.attempt(), held.length));
			}
			return RepeatStatus.FINISHED;
		}, context.transactionManager()).build();
	}

	/**
	 * Keeps a CPU busy without blocking: a virtual thread doing this holds its carrier
	 * for the whole time. Stops early when the thread is interrupted (a timeout, a
	 * cancel).
	 */
	private static void spin(long millis) throws InterruptedException {
		long until = System.nanoTime() + millis * 1_000_000;
		long mixed = 0;
		while (System.nanoTime() < until) {
			for (int i = 0; i < 10_000; i++) {
				mixed = mixed * 31 + i;
			}
			if (Thread.currentThread().isInterrupted()) {
				throw new InterruptedException("probe spin interrupted");
			}
		}
		if (mixed == 42) {
			// keeps the loop from being optimized away
			Thread.onSpinWait();
		}
	}

	private static byte[][] allocate(int megabytes) {
		byte[][] blocks = new byte[megabytes][];
		for (int i = 0; i < megabytes; i++) {
			blocks[i] = new byte[1024 * 1024];
			// touch every page so the memory is really committed
			for (int page = 0; page < blocks[i].length; page += 4096) {
				blocks[i][page] = 1;
			}
		}
		return blocks;
	}

	/**
	 * What a probe attempt reports.
	 *
	 * @param stepsRun the steps this attempt ran (a resumed attempt skips completed ones)
	 * @param attempt the attempt
	 * @param allocatedMb memory the last step held
	 */
	public record ProbeResult(List<String> stepsRun, int attempt, int allocatedMb) {

	}

	/**
	 * The failure a probe was asked to produce.
	 */
	public static class ProbeFailureException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ProbeFailureException(String message) {
			super(message);
		}

	}

}
