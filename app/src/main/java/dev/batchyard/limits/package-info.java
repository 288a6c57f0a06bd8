/**
 * Rate limits: the named limiters of the catalog (emailSending, stripeApi, ...) that
 * queues and job types take permits from before a step runs. {@link RateLimits} is all
 * the engine and the API see: it grants or denies a permit (with a retry-after), shows
 * the effective configuration and the windows' usage, and applies an admin's change,
 * persisted in {@code rate_limit_override} and picked up by every node within seconds.
 * Limits are shared through Redis when it is configured (one atomic Lua script per
 * algorithm) and node-local otherwise, or while Redis is unreachable.
 */
package dev.batchyard.limits;
