package dev.batchyard.memory;

/**
 * The first sample of this node over the warning threshold ({@link Level#WARNING}) or the
 * hard limit ({@link Level#CRITICAL}) since the heap was last below it. Published as a
 * Spring application event on the sampler's thread.
 *
 * @param level which threshold
 * @param memory the sample with the limits and status
 * @author Batchyard
 */
public record MemoryThresholdCrossed(Level level, CurrentMemory memory) {

	/** The threshold crossed. */
	public enum Level {

		/** The warning threshold. */
		WARNING,

		/** The hard limit. */
		CRITICAL

	}

}
