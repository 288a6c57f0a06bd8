/**
 * The job engine: enqueue, dispatch, execute and retry, and the runtime state of queues
 * (pause flags and policy overrides) shared by every node through the database.
 */
package dev.batchyard.engine;
