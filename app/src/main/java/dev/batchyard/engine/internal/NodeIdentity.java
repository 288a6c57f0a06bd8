package dev.batchyard.engine.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import dev.batchyard.engine.EngineProperties.NodeProperties;

/**
 * This node: its name in the cluster and the queues it serves.
 *
 * @param id the node's name
 * @param host the host it runs on
 * @param queues the queues it serves; empty means all
 * @param startedAt when it started
 * @author Batchyard
 */
record NodeIdentity(String id, String host, List<String> queues, Instant startedAt) {

	static NodeIdentity of(NodeProperties properties, Instant now) {
		String host = hostName();
		String id = (properties.id() != null && !properties.id().isBlank()) ? properties.id()
				: host + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
		return new NodeIdentity(id, host, List.copyOf(properties.queues()), now);
	}

	boolean serves(String queueName) {
		return this.queues.isEmpty() || this.queues.contains(queueName);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "node";
		}
	}

}
