/**
 * Retention's deletes and the clustered Quartz job that runs them.
 */
package dev.batchyard.retention.internal;
