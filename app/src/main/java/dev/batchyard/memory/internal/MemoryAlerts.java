package dev.batchyard.memory.internal;

import java.util.function.Supplier;

import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.monitoring.AlertSeverity;
import dev.batchyard.monitoring.Monitoring;

/**
 * Feeds this node's memory level into monitoring's MEMORY_USAGE alert: raised (WARNING
 * over the warning threshold, CRITICAL at the hard limit), escalated, and resolved when
 * the heap is back under the warning threshold. Monitoring is told only when the level
 * changes, and once after the node starts (which resolves an alert a previous run of the
 * same node id left active). A write that fails is tried again after the next sample.
 *
 * @author Batchyard
 */
class MemoryAlerts {

	private final Monitoring monitoring;

	private final Supplier<String> nodeId;

	/** The level monitoring last accepted; unknown until the first write. */
	private AlertSeverity reported;

	private boolean known;

	MemoryAlerts(Monitoring monitoring, Supplier<String> nodeId) {
		this.monitoring = monitoring;
		this.nodeId = nodeId;
	}

	synchronized void afterSample(CurrentMemory sample) {
		AlertSeverity level = sample.status().exceedsCritical() ? AlertSeverity.CRITICAL
				: sample.status().exceedsWarning() ? AlertSeverity.WARNING : null;
		if (this.known && level == this.reported) {
			return;
		}
		CurrentMemory.Limits limits = sample.limits();
		double threshold = (level == AlertSeverity.CRITICAL) ? limits.hardLimitMB()
				: limits.hardLimitMB() * limits.warningThresholdPercent() / 100.0;
		this.monitoring.memoryUsage(this.nodeId.get(), level, sample.stats().heapUsed(), threshold);
		this.reported = level;
		this.known = true;
	}

}
