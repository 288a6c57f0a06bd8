package dev.batchyard.scaling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.batchyard.engine.Workers;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This node's side of scaling: every refresh interval it reads each queue's target (the
 * cluster's total) and the live nodes, and resizes its own pool of every queue it serves
 * to its share. The target is split over the live nodes serving the queue in node-id
 * order, the first ones taking one more when it does not divide (10 over 3 nodes: 4, 3,
 * 3); every node keeps at least one worker. A node that joins or leaves changes the split
 * at the next refresh. Runs on a {@link dev.batchyard.node.NodeLoop} named
 * {@code batchyard-scaling}: a failed round is logged and the next one tries again.
 *
 * @author Batchyard
 */
public final class PoolSizer {

	/** A node whose heartbeat is older than this is not counted (the engine's lease). */
	private final Duration alive;

	private final PolicyStore policies;

	private final JdbcClient jdbc;

	private final Workers workers;

	private final Clock clock;

	PoolSizer(PolicyStore policies, JdbcClient jdbc, Workers workers, Duration alive, Clock clock) {
		this.policies = policies;
		this.jdbc = jdbc;
		this.workers = workers;
		this.alive = alive;
		this.clock = clock;
	}

	/**
	 * One node's share of a queue's target.
	 * @param target the cluster's total
	 * @param nodes how many live nodes serve the queue
	 * @param index this node's place among them, from 0, in node-id order
	 * @return the share, at least 1
	 */
	static int share(int target, int nodes, int index) {
		int share = target / nodes + ((index < target % nodes) ? 1 : 0);
		return Math.max(1, share);
	}

	/** One round: resizes every pool whose share changed. */
	void resizePools() {
		Map<String, Integer> targets = this.policies.targets();
		if (targets.isEmpty()) {
			return;
		}
		List<LiveNode> nodes = liveNodes();
		String self = this.workers.nodeId();
		for (Workers.Worker worker : this.workers.workers()) {
			Integer target = targets.get(worker.queueName());
			if (target == null) {
				continue;
			}
			List<String> serving = new ArrayList<>();
			for (LiveNode node : nodes) {
				if (node.serves(worker.queueName())) {
					serving.add(node.id());
				}
			}
			int index = serving.indexOf(self);
			if (index < 0) {
				// this node's heartbeat is not written yet: the split would count it
				// wrong
				continue;
			}
			int size = Math.min(PolicyRules.SYSTEM_LIMIT, share(target, serving.size(), index));
			if (size != worker.size()) {
				this.workers.resize(worker.queueName(), size);
			}
		}
	}

	private List<LiveNode> liveNodes() {
		Instant since = this.clock.instant().minus(this.alive);
		return this.jdbc.sql("SELECT id, queues FROM node WHERE status = 'UP' AND heartbeat_at > :since ORDER BY id")
			.param("since", PolicyStore.utc(since), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs, row) -> new LiveNode(rs.getString("id"), rs.getString("queues")))
			.list();
	}

	/** A live node and the queues it serves (none listed: all). */
	private record LiveNode(String id, String queues) {

		boolean serves(String queue) {
			return this.queues == null || this.queues.isBlank()
					|| Arrays.stream(this.queues.split(",")).map(String::strip).anyMatch(queue::equals);
		}

	}

}
