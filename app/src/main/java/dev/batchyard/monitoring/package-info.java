/**
 * Monitoring: what an admin opens first. Per-queue metrics (jobs by state, rates over a
 * sliding window, processing-time percentiles, latency, worker pools), health per queue
 * and for the system, alerts with acknowledgments and notifications, a metric history,
 * and Micrometer meters for Prometheus.
 * <p>
 * Counts are never taken per query or scrape: every node keeps a snapshot of the job
 * table's counts that a background thread refreshes every
 * {@code batchyard.monitoring.counts-refresh} (unfinished jobs counted through the claim
 * index; finished ones counted incrementally by finish time, with a full recount every
 * {@code batchyard.monitoring.reconcile-interval}). Once per
 * {@code batchyard.monitoring.interval} one node of the cluster (a clustered Quartz job)
 * records the metric history, evaluates the alert thresholds and prunes old history and
 * resolved alerts. The feature talks to the engine only through its public types.
 */
package dev.batchyard.monitoring;
