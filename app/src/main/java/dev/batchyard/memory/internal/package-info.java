/**
 * The memory sampler, the allocation percentiles and their wiring.
 */
package dev.batchyard.memory.internal;
