/**
 * The built-in {@code probe} job type: a canary for operators and the no-op job of the
 * tests and benchmarks.
 */
package dev.batchyard.catalog.probe;
