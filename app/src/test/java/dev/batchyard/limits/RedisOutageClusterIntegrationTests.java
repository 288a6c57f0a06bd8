package dev.batchyard.limits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes share a limit through Redis, with the shipped configuration. When Redis
 * stops, each node falls back to its share of the limit (the live nodes counted from
 * their heartbeats), so the cluster as a whole still stays within the limit, give or take
 * one node's share, instead of every node allowing all of it.
 */
class RedisOutageClusterIntegrationTests {

	private static final int PER_MINUTE = 60;

	private static final int NODES = 3;

	private final List<Node> nodes = new ArrayList<>();

	@AfterEach
	void stopNodesAndRestartRedis() throws IOException {
		this.nodes.forEach(Node::close);
		if (!TestServers.redis().isActive()) {
			TestServers.redis().start();
		}
	}

	@Test
	void withRedisDownTheWholeClusterStaysWithinTheLimitPlusOneNodesShare() throws IOException {
		String url = TestServers.freshPostgresDatabase("redis_outage_cluster");
		for (int i = 1; i <= NODES; i++) {
			this.nodes.add(Node.start("limit-node-" + i, url, "REDIS_URL=" + TestServers.redisUrl(),
					"batchyard.node.queues=analytics-events",
					"batchyard.catalog.rate-limits.outageLimit.per-minute=" + PER_MINUTE));
		}
		assertThat(this.nodes.get(0).bean(RateLimits.class).status("outageLimit").distributed()).isTrue();

		TestServers.redis().stop();
		int granted = 0;
		for (Node node : this.nodes) {
			RateLimits limits = node.bean(RateLimits.class);
			for (int i = 0; i < 2 * PER_MINUTE; i++) {
				granted += limits.tryAcquire("outageLimit").granted() ? 1 : 0;
			}
			assertThat(limits.status("outageLimit").distributed()).isFalse();
		}

		assertThat(granted).as("permits granted by the cluster within one minute while Redis was down")
			.isGreaterThanOrEqualTo(PER_MINUTE / NODES)
			.isLessThanOrEqualTo(PER_MINUTE + PER_MINUTE / NODES);
	}

}
