/**
 * The built-in {@code report-generation} job type: a chunked Spring Batch job that reads
 * rows from a SQL query on Batchyard's store (an analytics view by default) and writes
 * them to a CSV or JSON file. It keeps Batch's JDBC records, so a retry after a failure
 * resumes at the chunk that failed and keeps the rows already written.
 */
package dev.batchyard.catalog.report;
