package dev.batchyard.catalog.probe;

/**
 * What a probe job does.
 *
 * @param sleepMs how long each step sleeps (interruptibly)
 * @param failAttempts how many first attempts fail
 * @param failStep which step (1-based) fails in those attempts
 * @param allocateMb memory each step allocates and holds while it runs
 * @param steps how many steps: 1 is a light single-step job without Batch records; more
 * is a durable multi-step job whose retry resumes at the failed step
 * @param spinMs how long each step keeps a CPU busy without blocking (after its sleep): a
 * stand-in for CPU-bound work such as image processing or PDF rendering
 * @author Batchyard
 */
public record ProbePayload(Long sleepMs, Integer failAttempts, Integer failStep, Integer allocateMb, Integer steps,
		Long spinMs) {

	public ProbePayload {
		sleepMs = (sleepMs != null) ? sleepMs : 0L;
		failAttempts = (failAttempts != null) ? failAttempts : 0;
		allocateMb = (allocateMb != null) ? allocateMb : 0;
		steps = (steps != null) ? steps : 1;
		failStep = (failStep != null) ? failStep : 1;
		spinMs = (spinMs != null) ? spinMs : 0L;
		if (sleepMs < 0 || failAttempts < 0 || allocateMb < 0 || spinMs < 0) {
			throw new IllegalArgumentException("sleepMs, failAttempts, allocateMb and spinMs must not be negative");
		}
		if (steps < 1 || steps > 20) {
			throw new IllegalArgumentException("steps must be between 1 and 20 (was " + steps + ")");
		}
		if (failStep < 1 || failStep > steps) {
			throw new IllegalArgumentException("failStep must be between 1 and steps (was " + failStep + ")");
		}
	}

}
