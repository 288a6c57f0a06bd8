package dev.batchyard.limits;

import java.time.Duration;

/**
 * Published as a Spring application event when a running attempt passes its queue's soft
 * timeout ({@code softTimeoutPercentage} of its effective timeout). The attempt keeps
 * running; monitoring can turn the event into an alert.
 *
 * @param jobId the job
 * @param queueName its queue
 * @param elapsed how long the attempt had run
 * @param timeout the attempt's hard timeout
 * @author Batchyard
 */
public record SoftTimeoutReached(long jobId, String queueName, Duration elapsed, Duration timeout) {

}
