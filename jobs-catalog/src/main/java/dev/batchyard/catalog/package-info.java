/**
 * The queue catalog: the named queues Batchyard runs (tier, worker pool bounds, timeout,
 * memory budget, rate limiters, retry policy) and the rate limits they share. The
 * built-in catalog of the product brief is overridden by
 * {@link dev.batchyard.catalog.CatalogProperties} ({@code batchyard.catalog.*}) and
 * validated at startup; the result is the immutable
 * {@link dev.batchyard.catalog.QueueCatalog} bean that the app's runtime tuning starts
 * from.
 */
package dev.batchyard.catalog;
