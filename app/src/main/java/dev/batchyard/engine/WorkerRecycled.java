package dev.batchyard.engine;

import java.time.Instant;

/**
 * A worker of this node was recycled: its new generation is active. Published as a Spring
 * application event on the thread that ran the recycle.
 *
 * @param workerId the recycled generation's id
 * @param newWorkerId the id of the generation that took its place
 * @param queueName the queue
 * @param reason why it was recycled
 * @param jobsProcessed jobs the recycled generation's workers returned from
 * @param handedBack its jobs handed back to {@code waiting} (their attempts unspent)
 * because they did not finish within the grace
 * @param at when the new generation became active
 * @author Batchyard
 */
public record WorkerRecycled(String workerId, String newWorkerId, String queueName, String reason, long jobsProcessed,
		int handedBack, Instant at) {

}
