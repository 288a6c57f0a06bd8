package dev.batchyard.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.batchyard.limits.internal.AdaptiveTimeout;
import dev.batchyard.limits.internal.ExecutionHistograms;
import dev.batchyard.limits.internal.TimeoutSettings;
import org.HdrHistogram.Histogram;

/**
 * The queues' timeouts and execution statistics: what the engine asks when an attempt
 * starts and tells when one ends, and what the API shows and changes.
 * <p>
 * <b>Effective timeout.</b> A queue's configured {@code timeout} (catalog, overridden by
 * an admin) is the ceiling. With adaptive on (always on CRITICAL queues), once the queue
 * has {@value AdaptiveTimeout#MIN_SAMPLES} attempts in the last 15 minutes across the
 * cluster, the effective timeout is {@code clamp(3 × P95, 1 s, timeout)} (see
 * {@link AdaptiveTimeout}). A job's own timeout (enqueued with one) wins over the
 * queue's.
 * <p>
 * <b>Changes.</b> {@link #update} applies on this node at once and on the others within
 * {@code batchyard.limits.refresh-interval} (at most 5 s). An attempt already running
 * keeps the deadline and soft warning point it got when it started; the next attempt gets
 * the new ones.
 * <p>
 * <b>Statistics.</b> Completed attempts (and timed-out ones, at their timeout) are
 * counted in per-minute HdrHistograms that every node writes to the database; the
 * statistics merge those of every node over the last 15 minutes.
 *
 * @author Batchyard
 */
public class Timeouts {

	/** How many of the last completed durations {@link #stats} lists. */
	public static final int RECENT_EXECUTIONS = 100;

	private final TimeoutSettings settings;

	private final ExecutionHistograms histograms;

	Timeouts(TimeoutSettings settings, ExecutionHistograms histograms) {
		this.settings = settings;
		this.histograms = histograms;
	}

	/**
	 * A queue's timeout policy now.
	 * @param queueName the queue
	 * @return the policy
	 * @throws dev.batchyard.catalog.QueueNotFoundException when there is no such queue
	 */
	public TimeoutConfig config(String queueName) {
		return this.settings.get(queueName);
	}

	/**
	 * Every queue's timeout policy, in catalog order.
	 * @return the policies
	 */
	public List<TimeoutConfig> configs() {
		return this.settings.all();
	}

	/**
	 * Changes a queue's timeout policy: validated, persisted in {@code queue_state},
	 * effective on every node within the refresh interval. Nothing changes when the input
	 * is invalid.
	 * @param queueName the queue
	 * @param input the values to change; {@code null} ones stay
	 * @param actor who changes it, for the record
	 * @return the new policy
	 * @throws dev.batchyard.catalog.QueueNotFoundException when there is no such queue
	 * @throws InvalidTimeoutException when the timeout is outside 1000..7200000 ms, the
	 * soft percentage outside 1..100, or nothing is given
	 * @throws AdaptiveTimeoutRequiredException when adaptive would be turned off on a
	 * CRITICAL queue
	 */
	public TimeoutConfig update(String queueName, TimeoutInput input, String actor) {
		return this.settings.update(queueName, input, actor);
	}

	/**
	 * The timeout a new attempt of the queue gets, unless the job has its own.
	 * @param queueName the queue
	 * @return the effective timeout
	 */
	public Duration effectiveTimeout(String queueName) {
		return this.settings.get(queueName).effectiveTimeout();
	}

	/**
	 * Counts an attempt's duration in the queue's statistics (written to the database
	 * with the next refresh).
	 * @param queueName the queue
	 * @param duration how long the attempt ran
	 */
	public void recordExecution(String queueName, Duration duration) {
		this.histograms.record(queueName, duration);
	}

	/**
	 * A queue's execution statistics across the cluster, this node's latest samples
	 * included.
	 * @param queueName the queue
	 * @return the statistics
	 * @throws dev.batchyard.catalog.QueueNotFoundException when there is no such queue
	 */
	public ExecutionStats stats(String queueName) {
		String queue = this.settings.get(queueName).queueName();
		this.histograms.flush();
		Histogram histogram = this.histograms.recent(queue);
		List<Long> recent = this.histograms.lastCompleted(queue, RECENT_EXECUTIONS);
		long count = histogram.getTotalCount();
		if (count == 0) {
			return new ExecutionStats(queue, 0, null, null, null, null, null, null, recent);
		}
		return new ExecutionStats(queue, count, histogram.getMinValue(), histogram.getMaxValue(), histogram.getMean(),
				histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(95),
				histogram.getValueAtPercentile(99), recent);
	}

	/**
	 * Every queue's execution statistics across the cluster in one read, without the
	 * recent executions (for monitoring, which asks for all queues at once). Queues
	 * without a sample in the window are absent. Does not write this node's latest
	 * samples first: they arrive with the next refresh.
	 * @return the statistics by queue
	 */
	public Map<String, ExecutionStats> statsOfAll() {
		Map<String, ExecutionStats> all = new HashMap<>();
		this.histograms.recent().forEach((queue, histogram) -> {
			long count = histogram.getTotalCount();
			if (count > 0) {
				all.put(queue,
						new ExecutionStats(queue, count, histogram.getMinValue(), histogram.getMaxValue(),
								histogram.getMean(), histogram.getValueAtPercentile(50),
								histogram.getValueAtPercentile(95), histogram.getValueAtPercentile(99), List.of()));
			}
		});
		return all;
	}

}
