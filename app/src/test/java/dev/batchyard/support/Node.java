package dev.batchyard.support;

import java.util.ArrayList;
import java.util.List;

import dev.batchyard.BatchyardApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Batchyard node started in this JVM against a shared database: an application
 * context of its own, without a web server, as a separate process would be.
 *
 * @author Batchyard
 */
public final class Node implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private Node(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts a node.
	 * @param id the node id
	 * @param jdbcUrl the shared PostgreSQL database
	 * @param properties more properties, {@code name=value}
	 * @return the running node
	 */
	public static Node start(String id, String jdbcUrl, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.main.web-application-type=none",
				"spring.datasource.url=" + jdbcUrl, "spring.datasource.username=postgres",
				"spring.datasource.password=postgres", "batchyard.node.id=" + id,
				"spring.quartz.properties.org.quartz.scheduler.instanceId=" + id, "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		// command-line arguments: they beat application.yml (default properties would
		// not)
		return new Node(new SpringApplicationBuilder(BatchyardApplication.class)
			.run(all.stream().map((property) -> "--" + property).toArray(String[]::new)));
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

}
