/**
 * The built-in {@code send-email} job type: one message through Spring Mail, set up from
 * {@code spring.mail.*}. A recipient the server refuses for good (an SMTP 5xx) fails the
 * job at once; a 4xx or a connection failure is retried.
 */
package dev.batchyard.catalog.email;
