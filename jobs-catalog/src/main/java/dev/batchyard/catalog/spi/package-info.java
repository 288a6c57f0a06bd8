/**
 * What a job type author writes against: a {@link dev.batchyard.catalog.spi.JobType} is a
 * Spring Batch job with a {@link dev.batchyard.catalog.spi.JobTypeDescriptor} (name,
 * default queue, payload type). Nothing here knows about dispatch, scaling, storage or
 * GraphQL; the app discovers job type beans and runs them on their queues.
 */
package dev.batchyard.catalog.spi;
