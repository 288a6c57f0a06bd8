package dev.batchyard.limits.internal;

import java.time.Instant;

/**
 * One window's usage, as a limiter reports it.
 *
 * @param window the window and its limit
 * @param current permits counted against the limit now
 * @param resetAt when the window frees capacity
 * @author Batchyard
 */
public record WindowUsage(WindowLimit window, long current, Instant resetAt) {

}
