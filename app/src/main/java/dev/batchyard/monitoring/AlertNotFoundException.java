package dev.batchyard.monitoring;

/**
 * No alert has that id.
 *
 * @author Batchyard
 */
public class AlertNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String alertId;

	public AlertNotFoundException(String alertId) {
		super("No alert has the id " + alertId);
		this.alertId = alertId;
	}

	public String alertId() {
		return this.alertId;
	}

}
