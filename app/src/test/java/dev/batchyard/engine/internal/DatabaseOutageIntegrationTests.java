package dev.batchyard.engine.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.batchyard.catalog.Backoff;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.Jobs;
import dev.batchyard.support.CuttableProxy;
import dev.batchyard.support.Node;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away for seconds while attempts are failing and completing (every
 * connection of the node is cut and new ones refused, as in a PostgreSQL restart): once
 * it is back, each failure is recorded as it was, with its own error, and the completion
 * as a completion; no job is rescued as stalled or run again, and no worker thread dies.
 */
class DatabaseOutageIntegrationTests {

	private static final int JOBS = 4;

	private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

	private final ListAppender<ILoggingEvent> outcomeLog = new ListAppender<>();

	private Thread.UncaughtExceptionHandler previousHandler;

	private CuttableProxy proxy;

	private Node node;

	@AfterEach
	void restore() throws Exception {
		if (this.node != null) {
			this.node.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		Thread.setDefaultUncaughtExceptionHandler(this.previousHandler);
		((Logger) LoggerFactory.getLogger(OutcomeWrites.class)).detachAppender(this.outcomeLog);
	}

	@Test
	void failuresWrittenDuringAnOutageAreRecordedAsTheyWereOnceTheDatabaseIsBack() {
		this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> this.uncaught.add(ex));
		String direct = TestServers.freshPostgresDatabase("db_outage");
		this.proxy = CuttableProxy.to(TestServers.postgres().getPort());
		this.node = Node.start("outage-node",
				direct.replace(":" + TestServers.postgres().getPort() + "/", ":" + this.proxy.port() + "/"),
				"batchyard.node.queues=analytics-events", "batchyard.engine.poll-interval=500ms",
				"spring.datasource.hikari.connection-timeout=1000");
		// after the node started: Spring Boot sets logging up anew at start
		Logger logger = (Logger) LoggerFactory.getLogger(OutcomeWrites.class);
		logger.setLevel(Level.WARN);
		this.outcomeLog.start();
		logger.addAppender(this.outcomeLog);
		Jobs jobs = this.node.bean(Jobs.class);
		List<Long> ids = enqueue(jobs, JOBS, "{\"sleepMs\": 1500, \"failAttempts\": 1}");
		long succeeding = enqueue(jobs, 1, "{\"sleepMs\": 1500}").get(0);
		Stream.concat(ids.stream(), Stream.of(succeeding))
			.forEach((id) -> await().atMost(Duration.ofSeconds(10))
				.until(() -> jobs.find(id).orElseThrow().state() == JobState.ACTIVE));

		// down for seconds, as in a restart: until every failure's sixth write was
		// refused
		this.proxy.cut();
		await().atMost(Duration.ofSeconds(30)).until(() -> failedWrites() >= JOBS);
		this.proxy.mend();

		for (long id : ids) {
			Job done = await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> jobs.find(id).orElseThrow(), (job) -> job.state() == JobState.COMPLETED);
			assertThat(done.attempts()).isEqualTo(2);
			assertThat(done.failures()).singleElement().satisfies((failure) -> {
				assertThat(failure.attempt()).isOne();
				assertThat(failure.stalled()).as("rescued as stalled").isFalse();
				assertThat(failure.errorMessage()).contains("probe fails attempt 1");
			});
		}
		Job completed = await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> jobs.find(succeeding).orElseThrow(), (job) -> job.state() == JobState.COMPLETED);
		assertThat(completed.attempts()).as("attempts of a job that completed during the outage").isOne();
		assertThat(completed.failures()).isEmpty();
		assertThat(this.uncaught).as("exceptions that ended a thread").isEmpty();
	}

	private long failedWrites() {
		return this.outcomeLog.list.stream()
			.map(ILoggingEvent::getFormattedMessage)
			.filter((message) -> message.startsWith("Writing the failure of job") && message.contains("(try 6)"))
			.map((message) -> message.substring(0, message.indexOf("'s attempt")))
			.distinct()
			.count();
	}

	private static List<Long> enqueue(Jobs jobs, int count, String payload) {
		return IntStream.range(0, count)
			.mapToObj((i) -> jobs
				.enqueue(EnqueueRequest.of("probe", payload)
					.onQueue("analytics-events")
					.withRetries(3, Backoff.fixed(Duration.ofMillis(500))))
				.job()
				.id())
			.toList();
	}

}
