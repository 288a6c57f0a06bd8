package dev.batchyard.engine.internal;

import java.time.Instant;

import dev.batchyard.catalog.Backoff;

/**
 * A job this node has claimed: its row as the claim left it (active, attempt counted).
 *
 * @param id the job id
 * @param queueName its queue
 * @param type its type
 * @param payload its payload JSON
 * @param attempt the attempt now running, 1 for the first
 * @param maxAttempts attempts before it stays failed
 * @param backoff the delay before each retry
 * @param timeoutMs its timeout override, or null for the queue's
 * @param runAt when it became ready
 * @param createdAt when it was enqueued
 * @param startedAt when this attempt was claimed
 * @author Batchyard
 */
record ClaimedJob(long id, String queueName, String type, String payload, int attempt, int maxAttempts, Backoff backoff,
		Long timeoutMs, Instant runAt, Instant createdAt, Instant startedAt) {

}
