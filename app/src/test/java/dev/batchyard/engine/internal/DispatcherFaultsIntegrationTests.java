package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.batchyard.engine.EngineProperties.WorkerThreads;
import dev.batchyard.support.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A dispatcher survives what goes wrong inside it: a claim that returns more jobs than it
 * asked for hands the extra jobs straight back to {@code waiting} without spending their
 * attempt, and an exception or an error thrown in its loop is logged, counted and waited
 * out. Either way the queue keeps draining on this node, every job runs once, and no job
 * is charged an attempt it did not run.
 */
class DispatcherFaultsIntegrationTests {

	private static final int JOBS = 300;

	private static final int WORKERS = 4;

	private static JdbcClient jdbc;

	private static JdbcTemplate template;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private Dispatcher dispatcher;

	@BeforeAll
	static void migrateAnEmptyDatabase() {
		String url = TestServers.freshPostgresDatabase("dispatcher_faults");
		Flyway.configure()
			.dataSource(url, "postgres", "postgres")
			.locations("classpath:db/migration/postgresql")
			.load()
			.migrate();
		template = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
		jdbc = JdbcClient.create(template);
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.dispatcher != null) {
			this.dispatcher.stop();
			this.dispatcher.pool().shutdownNow();
		}
	}

	@Test
	void aQueueKeepsDrainingThroughOverClaimsAndErrorsInItsDispatcherWithNoAttemptSpent() {
		jdbc.sql("INSERT INTO job (queue_name, type, state, run_at, created_at) SELECT 'default', 'probe', 'waiting',"
				+ " now() - interval '1 minute', now() FROM generate_series(1, " + JOBS + ")")
			.update();
		Map<Long, Integer> runs = new ConcurrentHashMap<>();

		start(new FaultyStore(), (job) -> {
			runs.merge(job.id(), 1, Integer::sum);
			jdbc.sql("UPDATE job SET state = 'completed', finished_at = now() WHERE id = ?").param(job.id()).update();
		});

		await().atMost(Duration.ofSeconds(60)).until(() -> count("completed") == JOBS);
		assertThat(runs).hasSize(JOBS).allSatisfy((id, times) -> assertThat(times).as("runs of job " + id).isOne());
		assertThat(jdbc.sql("SELECT count(*) FROM job WHERE attempts <> 1").query(Integer.class).single())
			.as("jobs charged other than the one attempt they ran")
			.isZero();
		assertThat(this.meters.get("batchyard.dispatcher.overclaimed").counter().count()).isPositive();
		assertThat(this.meters.get("batchyard.dispatcher.errors").counter().count()).isEqualTo(2);
		assertThat(this.dispatcher.dispatching()).isTrue();
		assertThat(this.dispatcher.describe().dispatching()).isTrue();
	}

	@Test
	void aStoppedDispatcherIsReportedAsNotDispatching() throws InterruptedException {
		start(new JobStore(jdbc, template, true), (job) -> {
		});
		assertThat(this.dispatcher.describe().dispatching()).isTrue();

		this.dispatcher.stop();

		assertThat(this.dispatcher.describe().dispatching()).isFalse();
		assertThat(this.dispatcher.revive()).as("a stopped dispatcher is not revived").isFalse();
	}

	private void start(JobStore store, java.util.function.Consumer<ClaimedJob> runner) {
		LimiterGate open = mock(LimiterGate.class);
		given(open.closedFor(anyString())).willReturn(Duration.ZERO);
		given(open.admissible(anyString())).willReturn(Integer.MAX_VALUE);
		AtomicReference<Dispatcher> self = new AtomicReference<>();
		WorkerPool pool = new WorkerPool("default", "node-a", 1, WORKERS, WorkerThreads.VIRTUAL,
				() -> self.get().workerFreed());
		this.dispatcher = new Dispatcher("default", pool, store, null, runner, open, Clock.systemUTC(),
				new Dispatcher.Timing(Duration.ofMillis(200), Duration.ofSeconds(30), 50, Duration.ofMillis(1),
						Duration.ofMillis(100)),
				"node-a", new DispatchFaults(this.meters));
		self.set(this.dispatcher);
		this.dispatcher.start();
	}

	private static int count(String state) {
		return jdbc.sql("SELECT count(*) FROM job WHERE state = ?").param(state).query(Integer.class).single();
	}

	/**
	 * The real store, except that its third claim throws an exception, its fifth an
	 * error, and every fourth from the second on returns three jobs more than asked for.
	 */
	private static final class FaultyStore extends JobStore {

		private final AtomicInteger claims = new AtomicInteger();

		FaultyStore() {
			super(jdbc, template, true);
		}

		@Override
		Claim claimInOneStatement(String queueName, int limit, String nodeId, String workerId, Instant now,
				Instant leaseUntil, ClaimKey from) {
			int claim = this.claims.incrementAndGet();
			if (claim == 3) {
				throw new IllegalStateException("injected: a bug in the claim");
			}
			if (claim == 5) {
				throw new AssertionError("injected: an error in the claim");
			}
			int asked = (claim % 4 == 2) ? limit + 3 : limit;
			return super.claimInOneStatement(queueName, asked, nodeId, workerId, now, leaseUntil, from);
		}

	}

}
