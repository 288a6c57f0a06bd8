package dev.batchyard.retention;

import java.time.Instant;

/**
 * What one retention run deleted.
 *
 * @param completedBefore completed jobs that finished before this were deleted
 * @param completedDeleted how many completed jobs were deleted
 * @param failedBefore failed jobs that finished before this were deleted
 * @param failedDeleted how many failed jobs were deleted
 * @param batchInstancesDeleted how many Spring Batch job instances (with their
 * executions) of jobs no longer kept were deleted
 * @author Batchyard
 */
public record RetentionRun(Instant completedBefore, long completedDeleted, Instant failedBefore, long failedDeleted,
		long batchInstancesDeleted) {

}
