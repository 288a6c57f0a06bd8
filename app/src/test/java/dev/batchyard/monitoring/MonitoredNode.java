package dev.batchyard.monitoring;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.support.ApiClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node of the shipped application on a random port against a PostgreSQL database, with
 * an admin ({@code admin-secret}), a viewer ({@code viewer-secret}) and a metrics user
 * ({@code metrics-secret}), and optionally a clock the test moves.
 */
final class MonitoredNode implements AutoCloseable {

	static final String ADMIN_PASSWORD = "admin-secret";

	private final ConfigurableApplicationContext context;

	private MonitoredNode(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static MonitoredNode start(String id, String jdbcUrl, Clock clock, String... properties) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + jdbcUrl,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--batchyard.node.id=" + id, "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + id,
				"--spring.main.banner-mode=off", "--batchyard.security.admin.password=" + ADMIN_PASSWORD,
				"--batchyard.security.viewer.password=viewer-secret",
				"--batchyard.security.metrics.password=metrics-secret",
				"--batchyard.api.rate-limit.requests-per-minute=100000"));
		for (String property : properties) {
			all.add("--" + property);
		}
		SpringApplicationBuilder builder = new SpringApplicationBuilder(BatchyardApplication.class);
		if (clock != null) {
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("clock", clock));
		}
		return new MonitoredNode(builder.run(all.toArray(String[]::new)));
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	ApiClient admin() {
		return ApiClient.as(port(), "admin", ADMIN_PASSWORD);
	}

	ApiClient viewer() {
		return ApiClient.as(port(), "viewer", "viewer-secret");
	}

	ApiClient metrics() {
		return ApiClient.as(port(), "metrics", "metrics-secret");
	}

	ApiClient anonymous() {
		return ApiClient.anonymous(port());
	}

	@Override
	public void close() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

}
