package dev.batchyard.bench;

import java.util.ArrayList;
import java.util.List;

import dev.batchyard.BatchyardApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Batchyard node started in the bench JVM against a shared PostgreSQL database, as
 * {@code dev.batchyard.support.Node} starts one for tests, plus a
 * {@link StatementCounter} on its data source, a {@link StepStarts} among its step
 * decorators, and the bench's settings: 16 workers on {@code default}, the production
 * pool size (40), quiet logs, a short shutdown.
 *
 * @author Batchyard
 */
final class BenchNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final StatementCounter counter;

	private final StepStarts stepStarts;

	private BenchNode(ConfigurableApplicationContext context, StatementCounter counter, StepStarts stepStarts) {
		this.context = context;
		this.counter = counter;
		this.stepStarts = stepStarts;
	}

	static BenchNode start(String id, String jdbcUrl, String... properties) {
		return start(id, jdbcUrl, false, properties);
	}

	/**
	 * Starts a node; with {@code web}, with its HTTP server on a free port (see
	 * {@link #port()}).
	 */
	static BenchNode start(String id, String jdbcUrl, boolean web, String... properties) {
		List<String> all = new ArrayList<>(List.of(web ? "server.port=0" : "spring.main.web-application-type=none",
				"spring.datasource.url=" + jdbcUrl, "spring.datasource.username=postgres",
				"spring.datasource.password=postgres", "batchyard.node.id=" + id,
				"spring.quartz.properties.org.quartz.scheduler.instanceId=" + id, "spring.main.banner-mode=off",
				"logging.level.root=warn", "spring.datasource.hikari.maximum-pool-size=40",
				"batchyard.engine.shutdown-timeout=2s",
				"batchyard.catalog.queues.default.concurrency=" + BenchSettings.WORKERS,
				"batchyard.catalog.queues.default.max-workers=" + BenchSettings.WORKERS));
		all.addAll(List.of(properties));
		StatementCounter counter = new StatementCounter();
		StepStarts stepStarts = new StepStarts();
		// command-line arguments: they beat application.yml (default properties would
		// not)
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchyardApplication.class)
			.initializers((ctx) -> {
				ctx.getBeanFactory().addBeanPostProcessor(counter);
				ctx.getBeanFactory().registerSingleton("benchStepStarts", stepStarts);
			})
			.run(all.stream().map((property) -> "--" + property).toArray(String[]::new));
		return new BenchNode(context, counter, stepStarts);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	void addListener(org.springframework.context.ApplicationListener<?> listener) {
		this.context.addApplicationListener(listener);
	}

	StepStarts stepStarts() {
		return this.stepStarts;
	}

	/** The HTTP port of a node started with its web server. */
	int port() {
		return ((org.springframework.boot.web.server.context.WebServerApplicationContext) this.context).getWebServer()
			.getPort();
	}

	StatementCounter counter() {
		return this.counter;
	}

	@Override
	public void close() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

}
