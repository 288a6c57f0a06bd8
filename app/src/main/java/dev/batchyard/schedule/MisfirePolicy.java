package dev.batchyard.schedule;

/**
 * What a schedule does about ticks it missed: when no node could fire it on time (all
 * nodes down, or every Quartz thread busy) for longer than Quartz's
 * {@code org.quartz.jobStore.misfireThreshold} (5 s).
 *
 * @author Batchyard
 */
public enum MisfirePolicy {

	/**
	 * Enqueue one job as soon as a node can, however many ticks were missed, then go on
	 * with the next regular tick (Quartz's {@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}).
	 */
	FIRE_ONCE_NOW,

	/**
	 * Enqueue nothing for the missed ticks; wait for the next regular tick (Quartz's
	 * {@code MISFIRE_INSTRUCTION_DO_NOTHING}).
	 */
	SKIP

}
