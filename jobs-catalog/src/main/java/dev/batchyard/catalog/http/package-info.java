/**
 * The built-in outgoing HTTP job types: {@code http-request} (any method, retried on
 * chosen statuses, {@code Retry-After} honoured) and {@code webhook-delivery} (a signed
 * JSON event, retried many times). Both call only hosts on the allow-list
 * {@code batchyard.job-types.http.allowed-hosts}, empty by default: a job type that calls
 * any URL a caller names would let every API user reach the network behind Batchyard.
 * Redirects are not followed, for the same reason.
 */
package dev.batchyard.catalog.http;
