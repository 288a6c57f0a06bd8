package dev.batchyard.scaling.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.batchyard.catalog.QueueCatalog;
import dev.batchyard.catalog.QueueDefinition;
import dev.batchyard.limits.RateLimitStatus;
import dev.batchyard.limits.RateLimits;
import dev.batchyard.monitoring.Monitoring;
import dev.batchyard.monitoring.QueueMetrics;
import dev.batchyard.scaling.Scaling;
import dev.batchyard.scaling.ScalingDecision;
import dev.batchyard.scaling.ScalingMetrics;
import dev.batchyard.scaling.ScalingPolicy;
import dev.batchyard.scaling.ScalingPolicyChange;
import dev.batchyard.scaling.ScalingProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scaling service: policies from {@link PolicyDefaults} under the admin's changes,
 * decisions from {@link DecisionRules} on monitoring's figures, and the cluster-wide run
 * that writes each changed target with its decision.
 *
 * @author Batchyard
 */
public final class ScalingService implements Scaling {

	private static final Log logger = LogFactory.getLog(ScalingService.class);

	private final QueueCatalog catalog;

	private final Monitoring monitoring;

	private final RateLimits rateLimits;

	private final PolicyDefaults defaults;

	private final PolicyStore policies;

	private final HistoryStore history;

	private final NodeUsage node;

	private final TransactionTemplate transactions;

	private final ScalingProperties properties;

	private final Clock clock;

	ScalingService(QueueCatalog catalog, Monitoring monitoring, RateLimits rateLimits, PolicyDefaults defaults,
			PolicyStore policies, HistoryStore history, NodeUsage node, TransactionTemplate transactions,
			ScalingProperties properties, Clock clock) {
		this.catalog = catalog;
		this.monitoring = monitoring;
		this.rateLimits = rateLimits;
		this.defaults = defaults;
		this.policies = policies;
		this.history = history;
		this.node = node;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public List<ScalingPolicy> policies() {
		Map<String, ScalingPolicyChange> changes = this.policies.changes();
		return this.catalog.queues().stream().map((queue) -> effective(queue, changes.get(queue.name()))).toList();
	}

	@Override
	public ScalingPolicy policy(String queueName) {
		QueueDefinition queue = this.catalog.get(queueName);
		return effective(queue, this.policies.changes().get(queue.name()));
	}

	@Override
	public ScalingDecision decide(String queueName) {
		QueueDefinition queue = this.catalog.get(queueName);
		Integer target = this.policies.targets().get(queue.name());
		return decide(queue, policy(queue.name()), target, this.history.lastChanges(queue.name()).get(queue.name()),
				this.clock.instant());
	}

	@Override
	public List<ScalingDecision> history(String queueName, int limit, Instant since) {
		if (limit < 1 || limit > MAX_HISTORY) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_HISTORY + ", not " + limit);
		}
		return this.history.history(this.catalog.get(queueName).name(), limit, since);
	}

	@Override
	public ScalingPolicy update(String queueName, ScalingPolicyChange change, String actor) {
		QueueDefinition queue = this.catalog.get(queueName);
		ScalingPolicy updated = policy(queue.name()).with(change);
		PolicyRules.check(updated);
		this.transactions
			.executeWithoutResult((status) -> this.policies.save(queue.name(), change, actor, this.clock.instant()));
		return policy(queue.name());
	}

	@Override
	public List<ScalingDecision> run() {
		Instant now = this.clock.instant();
		Map<String, ScalingPolicyChange> changes = this.policies.changes();
		Map<String, Integer> targets = this.policies.targets();
		Map<String, Instant[]> lastChanges = this.history.lastChanges(null);
		List<ScalingDecision> executed = new ArrayList<>();
		for (QueueDefinition queue : this.catalog.queues()) {
			try {
				ScalingDecision decision = decide(queue, effective(queue, changes.get(queue.name())),
						targets.get(queue.name()), lastChanges.get(queue.name()), now);
				if (decision.changes()) {
					ScalingDecision done = decision.executedAt(now);
					this.transactions.executeWithoutResult((status) -> {
						this.policies.saveTarget(queue.name(), done.targetWorkers(), now);
						this.history.insert(done);
					});
					logger.info("Scaling " + queue.name() + ": " + done.action() + " " + done.currentWorkers() + " -> "
							+ done.targetWorkers() + " (" + done.reason() + ")");
					executed.add(done);
				}
			}
			catch (RuntimeException ex) {
				// one queue's failure (a limiter's store, a bad row) must not stop the
				// others
				logger.warn("Scaling could not decide for queue " + queue.name(), ex);
			}
		}
		this.transactions
			.executeWithoutResult((status) -> this.history.prune(now.minus(this.properties.historyRetention())));
		return executed;
	}

	/** The sum of every queue's target, for the node-count gauge. */
	int totalTarget() {
		Map<String, Integer> targets = this.policies.targets();
		return this.catalog.queues()
			.stream()
			.mapToInt((queue) -> targets.getOrDefault(queue.name(), queue.minWorkers()))
			.sum();
	}

	private ScalingPolicy effective(QueueDefinition queue, ScalingPolicyChange change) {
		return this.defaults.of(queue).with(change);
	}

	private ScalingDecision decide(QueueDefinition queue, ScalingPolicy policy, Integer target, Instant[] last,
			Instant now) {
		QueueMetrics figures = this.monitoring.metrics(queue.name());
		int current = (target != null) ? target : Math.max(figures.poolSize(), queue.concurrency());
		ScalingMetrics metrics = new ScalingMetrics(queue.name(), figures.waiting(), figures.oldestWaitingMs(),
				figures.active(), figures.jobsPerMinute(), figures.errorRate(), current, this.node.cpuPercent(),
				this.node.memoryPercent(), now);
		Double errorThreshold = this.monitoring.alertThresholds(queue.name()).errorRate().warning();
		DecisionRules.Signals signals = new DecisionRules.Signals(deniedBy(queue),
				(errorThreshold != null) ? errorThreshold : Double.MAX_VALUE, (last != null) ? last[1] : null,
				(last != null) ? last[0] : null);
		return DecisionRules.decide(policy, metrics, signals, now);
	}

	/** The first of the queue's rate limiters with a window used up, in words. */
	private String deniedBy(QueueDefinition queue) {
		for (String limiter : queue.limiters()) {
			RateLimitStatus.Windows windows = this.rateLimits.status(limiter).windows();
			String full = full("second", windows.perSecond());
			full = (full != null) ? full : full("minute", windows.perMinute());
			full = (full != null) ? full : full("hour", windows.perHour());
			full = (full != null) ? full : full("day", windows.perDay());
			if (full != null) {
				return "its rate limiter " + limiter + " is denying permits (" + full + ")";
			}
		}
		return null;
	}

	private static String full(String period, RateLimitStatus.Window window) {
		if (window == null || window.remaining() > 0) {
			return null;
		}
		return String.format(Locale.ROOT, "per %s %d/%d used", period, window.current(), window.limit());
	}

}
