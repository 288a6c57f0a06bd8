package dev.batchyard.engine;

/**
 * No job has that id.
 *
 * @author Batchyard
 */
public class JobNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long jobId;

	public JobNotFoundException(long jobId) {
		super("No job has the id " + jobId);
		this.jobId = jobId;
	}

	public long jobId() {
		return this.jobId;
	}

}
