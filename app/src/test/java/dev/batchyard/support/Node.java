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
		return start(List.of("spring.main.web-application-type=none"), id, jdbcUrl, properties);
	}

	/**
	 * Starts a node that also serves HTTP (the API), on a free port.
	 * @param id the node id
	 * @param jdbcUrl the shared PostgreSQL database
	 * @param properties more properties, {@code name=value}
	 * @return the running node
	 * @see #port()
	 */
	public static Node startServing(String id, String jdbcUrl, String... properties) {
		return start(List.of("server.port=0"), id, jdbcUrl, properties);
	}

	private static Node start(List<String> web, String id, String jdbcUrl, String... properties) {
		List<String> all = new ArrayList<>(web);
		all.addAll(List.of("spring.datasource.url=" + jdbcUrl, "spring.datasource.username=postgres",
				"spring.datasource.password=postgres", "batchyard.node.id=" + id,
				"spring.quartz.properties.org.quartz.scheduler.instanceId=" + id, "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		// command-line arguments: they beat application.yml (default properties would
		// not)
		return new Node(new SpringApplicationBuilder(BatchyardApplication.class)
			.run(all.stream().map((property) -> "--" + property).toArray(String[]::new)));
	}

	/** The HTTP port of a node started with {@link #startServing}. */
	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
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
