/**
 * Retention: completed and failed jobs are deleted, with their results, failures and
 * logs, once they are older than their horizon. A clustered Quartz job runs it, so one
 * node does it per interval.
 */
package dev.batchyard.retention;
