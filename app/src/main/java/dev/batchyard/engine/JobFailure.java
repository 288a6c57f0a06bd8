package dev.batchyard.engine;

import java.time.Instant;

/**
 * One failed attempt of a job, kept for inspection.
 *
 * @param attempt the attempt that failed, 1 for the first
 * @param errorMessage the error's message
 * @param errorStack the error's stack trace (bounded)
 * @param timedOut whether the attempt ran past its timeout
 * @param stalled whether the attempt's node stopped renewing its lease (died)
 * @param failedAt when
 * @author Batchyard
 */
public record JobFailure(int attempt, String errorMessage, String errorStack, boolean timedOut, boolean stalled,
		Instant failedAt) {

}
