/**
 * Rate limits: the named limiters of the catalog (emailSending, stripeApi, ...) that
 * queues and job types take permits from before a step runs. {@link RateLimits} is all
 * the engine and the API see: it grants or denies a permit (with a retry-after), shows
 * the effective configuration and the windows' usage, and applies an admin's change,
 * persisted in {@code rate_limit_override} and picked up by every node within seconds.
 * Limits are shared through Redis when it is configured (one atomic Lua script per
 * algorithm) and node-local otherwise, or while Redis is unreachable.
 * <p>
 * Timeouts: {@link Timeouts} holds each queue's timeout policy (persisted in
 * {@code queue_state}), computes the adaptive effective timeout from the queue's recent
 * P95, and keeps the execution statistics as per-minute HdrHistograms that every node
 * writes to {@code execution_histogram} and readers merge. The engine's time limiter asks
 * it for an attempt's timeout and tells it how long attempts took.
 */
package dev.batchyard.limits;
