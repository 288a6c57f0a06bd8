package dev.batchyard.monitoring;

/**
 * An alert was created, escalated, acknowledged, re-raised (its acknowledgment lapsed
 * while the condition held) or resolved. Published as a Spring application event by the
 * node that made the change, after it was written.
 *
 * @param alert the alert as it is now
 * @param change what happened
 * @author Batchyard
 */
public record AlertChanged(Alert alert, Change change) {

	/** What happened to an alert. */
	public enum Change {

		CREATED, ESCALATED, ACKNOWLEDGED, RERAISED, RESOLVED

	}

}
