package dev.batchyard.engine;

/**
 * Told, on the worker thread, what a completed attempt allocated; must return at once.
 * Beans of this type are called only for attempts whose thread keeps an allocation
 * counter (platform threads; virtual threads keep none).
 *
 * @author Batchyard
 */
@FunctionalInterface
public interface AttemptAllocations {

	/**
	 * @param queueName the job's queue
	 * @param allocatedMb what the attempt allocated, in MB
	 */
	void allocated(String queueName, double allocatedMb);

}
