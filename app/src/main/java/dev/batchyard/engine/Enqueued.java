package dev.batchyard.engine;

/**
 * What an enqueue did.
 *
 * @param job the job
 * @param duplicate {@code true} when an unfinished job with the same queue and dedupe key
 * already existed: {@code job} is that job and nothing new was enqueued
 * @author Batchyard
 */
public record Enqueued(Job job, boolean duplicate) {

}
