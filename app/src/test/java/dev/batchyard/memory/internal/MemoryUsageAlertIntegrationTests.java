package dev.batchyard.memory.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.batchyard.memory.CurrentMemory;
import dev.batchyard.monitoring.Alert;
import dev.batchyard.monitoring.AlertChanged;
import dev.batchyard.monitoring.AlertSeverity;
import dev.batchyard.monitoring.AlertType;
import dev.batchyard.monitoring.Monitoring;
import dev.batchyard.monitoring.SystemHealth.MemoryStats;
import dev.batchyard.support.ApiClient;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MEMORY_USAGE alert, kept in monitoring's alert store with its notifications and
 * events. A node whose warning threshold is 1 % of a 2000 MB hard limit (20 MB, under any
 * real heap) raises its own alert from its first samples; a second node's levels are fed
 * in as samples to walk the alert through escalation and resolution.
 */
class MemoryUsageAlertIntegrationTests {

	private static final String NODE = "memory-alert-node";

	private static final Queue<AlertChanged> changes = new ConcurrentLinkedQueue<>();

	private static Node node;

	@BeforeAll
	static void startNode() {
		node = Node.startServing(NODE, TestServers.freshPostgresDatabase("memory_alert"),
				"batchyard.security.admin.password=admin-secret", "batchyard.memory.sample-interval=200ms",
				"batchyard.memory.soft-limit-mb=1000", "batchyard.memory.hard-limit-mb=2000",
				"batchyard.memory.warning-threshold-percent=1");
		node.context().addApplicationListener(ApplicationListener.forPayload(changes::add));
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void aNodeOverItsWarningThresholdRaisesAMemoryUsageAlert() {
		JsonNode alert = await().atMost(Duration.ofSeconds(20))
			.until(() -> memoryAlerts().stream()
				.filter((
						candidate) -> candidate.path("message").asString().startsWith("Memory usage on " + NODE + ": "))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();

		assertThat(alert.path("type").asString()).isEqualTo("MEMORY_USAGE");
		assertThat(alert.path("severity").asString()).isEqualTo("WARNING");
		assertThat(alert.path("queueName").isNull()).isTrue();
		assertThat(alert.path("threshold").asDouble()).isEqualTo(20);
		assertThat(alert.path("value").asDouble()).isGreaterThanOrEqualTo(20);
		assertThat(alert.path("message").asString()).matches("Memory usage on " + NODE + ": \\d+ MB >= 20 MB");
	}

	@Test
	void anotherNodesLevelsRaiseEscalateAndResolveOneAlert() {
		Monitoring monitoring = node.bean(Monitoring.class);
		MemoryAlerts alerts = new MemoryAlerts(monitoring, () -> "ghost-node");
		CurrentMemory.Limits limits = new CurrentMemory.Limits(512, 1024, 75);

		alerts.afterSample(sample(limits, 100));
		assertThat(ghostAlerts(monitoring)).as("under the warning threshold: none").isEmpty();

		alerts.afterSample(sample(limits, 800));
		Alert warning = ghostAlerts(monitoring).get(0);
		assertThat(warning.severity()).isEqualTo(AlertSeverity.WARNING);
		assertThat(warning.message()).isEqualTo("Memory usage on ghost-node: 800 MB >= 768 MB");
		alerts.afterSample(sample(limits, 810));
		assertThat(ghostAlerts(monitoring)).as("one alert while the level holds").hasSize(1);

		alerts.afterSample(sample(limits, 1100));
		Alert critical = ghostAlerts(monitoring).get(0);
		assertThat(critical.id()).isEqualTo(warning.id());
		assertThat(critical.severity()).isEqualTo(AlertSeverity.CRITICAL);
		assertThat(critical.message()).isEqualTo("Memory usage on ghost-node: 1100 MB >= 1024 MB");

		alerts.afterSample(sample(limits, 300));
		assertThat(ghostAlerts(monitoring)).isEmpty();
		Alert resolved = monitoring.alerts(null, null, null, true)
			.stream()
			.filter((alert) -> alert.id() == warning.id())
			.findFirst()
			.orElseThrow();
		assertThat(resolved.resolvedAt()).isNotNull();
		assertThat(changes.stream().filter((change) -> change.alert().id() == warning.id()).map(AlertChanged::change))
			.containsExactly(AlertChanged.Change.CREATED, AlertChanged.Change.ESCALATED, AlertChanged.Change.RESOLVED);

		alerts.afterSample(sample(limits, 900));
		assertThat(ghostAlerts(monitoring)).singleElement()
			.satisfies((alert) -> assertThat(alert.id()).isNotEqualTo(warning.id()));
	}

	private static List<Alert> ghostAlerts(Monitoring monitoring) {
		return monitoring.alerts(null, null, null, false)
			.stream()
			.filter((alert) -> alert.type() == AlertType.MEMORY_USAGE)
			.filter((alert) -> alert.message().startsWith("Memory usage on ghost-node: "))
			.toList();
	}

	private static CurrentMemory sample(CurrentMemory.Limits limits, double heapUsedMb) {
		return new CurrentMemory(new MemoryStats(heapUsedMb, heapUsedMb, 50, heapUsedMb + 100, 1,
				100 * heapUsedMb / limits.hardLimitMB(), Instant.now()), limits, limits.status(heapUsedMb));
	}

	private static List<JsonNode> memoryAlerts() {
		return ApiClient.as(node.port(), "admin", "admin-secret")
			.graphql("query { alerts(acknowledged: null) { id severity queueName type message value threshold } }",
					Map.of())
			.json()
			.path("data")
			.path("alerts")
			.valueStream()
			.filter((alert) -> alert.path("type").asString().equals("MEMORY_USAGE"))
			.toList();
	}

}
