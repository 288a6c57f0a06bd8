/**
 * How rate limits count: the node-local limiters (Resilience4j's for fixed windows, our
 * own sliding log and token bucket), the Redis limiters (one Lua script per algorithm),
 * the fallback between them, and the configuration with its persisted overrides.
 */
package dev.batchyard.limits.internal;
