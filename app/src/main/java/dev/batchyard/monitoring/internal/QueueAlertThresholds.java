package dev.batchyard.monitoring.internal;

import dev.batchyard.catalog.AlertThresholds;
import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.monitoring.MonitoringProperties;

/**
 * The alert thresholds of each queue, from the most specific layer that sets a value:
 * {@code batchyard.monitoring.queues.<name>}, then the catalog's queue (its own
 * {@code alerts}, its tier's, the catalog's defaults), then
 * {@code batchyard.monitoring.thresholds}, then the built-in defaults.
 *
 * @author Batchyard
 */
public final class QueueAlertThresholds {

	private final MonitoringProperties properties;

	private final QueueCatalog catalog;

	/**
	 * Checks every queue's thresholds as they apply, so that a bad combination (a
	 * configured critical below the catalog's warning, say) fails the start.
	 * @param properties monitoring's configuration
	 * @param catalog the queues
	 * @throws IllegalArgumentException naming the queue's property
	 */
	public QueueAlertThresholds(MonitoringProperties properties, QueueCatalog catalog) {
		this.properties = properties;
		this.catalog = catalog;
		properties.queues().keySet().forEach((queue) -> of(queue).validate("batchyard.monitoring.queues." + queue));
		catalog.queues()
			.stream()
			.filter((queue) -> !queue.alerts().equals(AlertThresholds.NONE))
			.forEach((queue) -> of(queue.name()).validate("batchyard.catalog.queues." + queue.name() + ".alerts"));
	}

	/**
	 * The thresholds that apply to a queue.
	 * @param queueName the queue (one the catalog does not know gets the configured ones)
	 * @return its thresholds
	 */
	public MonitoringProperties.Thresholds of(String queueName) {
		AlertThresholds fromCatalog = this.catalog.find(queueName)
			.map(QueueDefinition::alerts)
			.orElse(AlertThresholds.NONE);
		return this.properties.thresholdsOf(queueName, fromCatalog);
	}

}
