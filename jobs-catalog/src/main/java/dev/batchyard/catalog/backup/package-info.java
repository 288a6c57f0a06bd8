/**
 * The built-in {@code database-backup} job type: a dump of Batchyard's own store or of a
 * configured data source, with {@code pg_dump} on PostgreSQL and H2's {@code SCRIPT} on
 * H2, gzipped, optionally encrypted with AES-GCM under a key from the environment,
 * written to a directory that keeps the last N backups of each source.
 */
package dev.batchyard.catalog.backup;
