package dev.batchyard.monitoring;

import java.util.function.Consumer;

import dev.batchyard.engine.JobStateChanged;

/**
 * The live events of the whole cluster, for subscriptions: job state changes, alert
 * changes and queue health changes, this node's at once and the other nodes' within about
 * a tenth of a second (through PostgreSQL LISTEN/NOTIFY; on H2, a single-node store, only
 * this node's). Listeners run on the node's event threads and must return at once.
 *
 * @author Batchyard
 */
public interface LiveEvents {

	/**
	 * Listens to every node's job state changes. Other nodes send theirs only while a
	 * node of the cluster has a job listener.
	 * @param listener the listener
	 * @return closing it stops the listening
	 */
	Subscription onJobEvent(Consumer<JobStateChanged> listener);

	/**
	 * Listens to every node's alert changes.
	 * @param listener the listener
	 * @return closing it stops the listening
	 */
	Subscription onAlertChanged(Consumer<AlertChanged> listener);

	/**
	 * Listens to every node's queue health changes.
	 * @param listener the listener
	 * @return closing it stops the listening
	 */
	Subscription onQueueHealthChanged(Consumer<QueueHealthChanged> listener);

	/** A listener's registration. */
	interface Subscription extends AutoCloseable {

		@Override
		void close();

	}

}
