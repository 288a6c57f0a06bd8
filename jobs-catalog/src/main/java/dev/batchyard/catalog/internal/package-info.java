/**
 * How the catalog is built: the built-in table of the product brief, the resolution of
 * the configured overrides with their validation, the mapping of the brief's environment
 * variables onto properties, and the failure analysis of a bad configuration. Not an API;
 * nothing outside {@code dev.batchyard.catalog} uses it.
 */
package dev.batchyard.catalog.internal;
