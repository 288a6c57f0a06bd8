package dev.batchyard.monitoring;

import dev.batchyard.support.ApiClient.Response;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node with {@code batchyard.monitoring.enabled=false} keeps no counts, so its health
 * probe must not count the job table on every call: the {@code monitoring} health
 * component is not there, and the node is UP.
 */
class MonitoringOffIntegrationTests {

	@Test
	void aNodeThatDoesNotMonitorHasNoMonitoringHealthComponent() {
		try (MonitoredNode node = MonitoredNode.start("monitoring-off",
				TestServers.freshPostgresDatabase("monitoring_off"), null, "batchyard.monitoring.enabled=false")) {
			Response health = node.admin().get("/actuator/health");
			assertThat(health.json().path("status").asString()).as(health.body()).isEqualTo("UP");
			assertThat(health.json().path("components").has("monitoring")).as(health.body()).isFalse();
			assertThat(health.json().path("components").has("db")).as(health.body()).isTrue();
		}
	}

}
