/**
 * What a job type author writes against: a {@link dev.batchyard.catalog.spi.JobType} is a
 * Spring Batch job with a {@link dev.batchyard.catalog.spi.JobTypeDescriptor} (name,
 * default queue, payload type). Its payload record checks itself with
 * {@link dev.batchyard.catalog.spi.PayloadChecks}, whose
 * {@link dev.batchyard.catalog.spi.InvalidPayloadException} names the field the engine
 * refuses the job for at enqueue. Nothing here knows about dispatch, scaling, storage or
 * GraphQL; the app discovers job type beans and runs them on their queues, in the
 * Batchyard application or in a team's own application with the library jar.
 */
package dev.batchyard.catalog.spi;
