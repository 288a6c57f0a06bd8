package dev.batchyard.engine;

/**
 * Whether this node's memory lets a queue's jobs in: asked by the enqueue (could a job of
 * the queue ever run?) and by the queue's dispatcher before each claim (how many may
 * start now?). Both are asked on hot paths and must answer from memory, without I/O.
 *
 * @author Batchyard
 */
public interface MemoryAdmission {

	/** Lets everything in. */
	MemoryAdmission NONE = new MemoryAdmission() {

		@Override
		public void checkEnqueue(String queueName) {
		}

		@Override
		public int admissible(String queueName) {
			return Integer.MAX_VALUE;
		}

	};

	/**
	 * Refuses a job that no node could ever run.
	 * @param queueName the job's queue
	 * @throws InvalidJobRequestException naming {@code memory} when the queue's budget
	 * exceeds the hard limit
	 */
	void checkEnqueue(String queueName);

	/**
	 * How many more of the queue's jobs this node may start now; 0 leaves them waiting
	 * (unclaimed, their attempts unspent) for another node or for headroom to return.
	 * @param queueName the queue
	 * @return at least 0; {@link Integer#MAX_VALUE} for a queue without a budget
	 */
	int admissible(String queueName);

}
