/**
 * Memory: this node's memory figures and limits, sampled on a timer, the
 * {@code memoryWarning} and {@code memoryCritical} events when the heap in use first
 * crosses the warning threshold or the hard limit, what each completed attempt allocated
 * and each queue's allocation percentiles, and the configured job budgets.
 * <p>
 * On the JVM the figures are the heap (used, committed, max), non-heap, the direct and
 * mapped buffer pools, and the process's resident set from {@code /proc/self/status} (0
 * where the platform does not offer it). The percentage and the status compare the heap
 * in use with the node's limits: within limits below the soft limit, over the warning
 * threshold from {@code warning-threshold-percent} of the hard limit, critical at the
 * hard limit. An attempt's allocation comes from its worker thread's allocation counter,
 * which the JVM keeps for platform threads only: on virtual worker threads (the engine's
 * default) it is unknown and left null rather than guessed.
 */
package dev.batchyard.memory;
