/**
 * Where a node keeps its state: the database (H2 by default, PostgreSQL in production)
 * and, when configured, Redis. Derives the settings that follow from which stores are
 * configured, so that a user sets a URL and nothing else.
 */
package dev.batchyard.store;
