package dev.batchyard.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import dev.batchyard.catalog.Backoff;
import dev.batchyard.engine.EngineProperties.WorkerThreads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The dispatcher of one queue over a job store that always has more jobs ready (a
 * backlog): it never claims more than the pool has free, and with a gather time it waits
 * for the whole pool to free up before it claims again, or for the gather time. While the
 * backlog lasts, each claim starts where the last one began (its cursor) until a wake-up
 * says a job may be ready in front of it.
 */
class DispatcherTests {

	private static final int WORKERS = 4;

	private final List<Integer> claims = new CopyOnWriteArrayList<>();

	/** Where each claim started: its cursor, or "front". */
	private final List<Object> starts = new CopyOnWriteArrayList<>();

	/** The key of the first job of each claim. */
	private final List<JobStore.ClaimKey> firsts = new CopyOnWriteArrayList<>();

	/**
	 * Whether the store has nothing behind a cursor (only a claim from the front finds
	 * jobs).
	 */
	private volatile boolean nothingBehindTheCursor;

	/** Permits that let running jobs finish, one per job. */
	private final Semaphore finish = new Semaphore(0);

	private Dispatcher dispatcher;

	@AfterEach
	void stop() throws InterruptedException {
		this.finish.release(1000);
		this.dispatcher.stop();
		this.dispatcher.pool().shutdownNow();
	}

	@Test
	void withAGatherTimeAFreedWorkerWaitsForTheWholePoolBeforeTheNextClaim() {
		start(Duration.ofSeconds(30));
		await().until(() -> this.claims.equals(List.of(WORKERS)));

		this.finish.release(WORKERS - 1);
		await().during(Duration.ofMillis(300)).until(() -> this.claims.equals(List.of(WORKERS)));

		this.finish.release(1);
		await().atMost(Duration.ofSeconds(2)).until(() -> this.claims.equals(List.of(WORKERS, WORKERS)));
	}

	@Test
	void aFreedWorkerWaitsNoLongerThanTheGatherTime() {
		start(Duration.ofMillis(300));
		await().until(() -> this.claims.equals(List.of(WORKERS)));

		long freed = System.nanoTime();
		this.finish.release(1);
		await().atMost(Duration.ofSeconds(2)).until(() -> this.claims.equals(List.of(WORKERS, 1)));
		assertThat(Duration.ofNanos(System.nanoTime() - freed)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
	}

	@Test
	void withoutAGatherTimeEachFreedWorkerIsServedAtOnce() {
		start(Duration.ZERO);
		await().until(() -> this.claims.equals(List.of(WORKERS)));

		this.finish.release(1);

		await().atMost(Duration.ofSeconds(2)).until(() -> this.claims.equals(List.of(WORKERS, 1)));
	}

	@Test
	void whileABacklogLastsAClaimStartsAtTheFirstJobOfTheLastClaimAndAWakeUpSendsItBackToTheFront() {
		start(Duration.ZERO);
		await().until(() -> this.claims.equals(List.of(WORKERS)));

		this.finish.release(1);
		await().atMost(Duration.ofSeconds(2)).until(() -> this.claims.size() == 2);
		this.dispatcher.wake();
		this.finish.release(1);
		await().atMost(Duration.ofSeconds(2)).until(() -> this.claims.size() == 3);

		assertThat(this.starts).containsExactly("front", this.firsts.get(0), "front");
	}

	@Test
	void aClaimFromTheCursorThatFindsTooFewLooksAtTheFrontForTheRestAtOnce() {
		this.nothingBehindTheCursor = true;
		start(Duration.ZERO);
		await().until(() -> this.claims.equals(List.of(WORKERS)));

		this.finish.release(1);

		await().atMost(Duration.ofSeconds(2)).until(() -> this.claims.size() == 3);
		assertThat(this.starts).containsExactly("front", this.firsts.get(0), "front");
		assertThat(this.claims).containsExactly(WORKERS, 1, 1);
	}

	private void start(Duration gather) {
		JobStore store = backlog();
		LimiterGate open = mock(LimiterGate.class);
		given(open.closedFor(anyString())).willReturn(Duration.ZERO);
		given(open.admissible(anyString())).willReturn(Integer.MAX_VALUE);
		AtomicReference<Dispatcher> self = new AtomicReference<>();
		WorkerPool pool = new WorkerPool("default", "node-a", 1, WORKERS, WorkerThreads.VIRTUAL,
				() -> self.get().workerFreed());
		this.dispatcher = new Dispatcher("default", pool, store, null, (job) -> this.finish.acquireUninterruptibly(),
				open, Clock.systemUTC(),
				new Dispatcher.Timing(Duration.ofSeconds(1), Duration.ofSeconds(30), 50, gather, Duration.ofMinutes(1)),
				"node-a", new DispatchFaults(new SimpleMeterRegistry()));
		self.set(this.dispatcher);
		this.dispatcher.start();
	}

	/** A store whose queue never runs dry: every claim gets all it asks for. */
	private JobStore backlog() {
		JobStore store = mock(JobStore.class);
		AtomicLong ids = new AtomicLong();
		given(store.claimsInOneStatement()).willReturn(true);
		given(store.claimInOneStatement(eq("default"), anyInt(), anyString(), anyString(), any(), any(), any()))
			.willAnswer((invocation) -> {
				int wanted = invocation.getArgument(1);
				JobStore.ClaimKey from = invocation.getArgument(6);
				this.claims.add(wanted);
				this.starts.add((from != null) ? from : "front");
				if (from != null && this.nothingBehindTheCursor) {
					return new JobStore.Claim(List.of(), null);
				}
				Instant now = Instant.now();
				List<ClaimedJob> jobs = IntStream.range(0, wanted)
					.mapToObj((i) -> new ClaimedJob(ids.incrementAndGet(), "default", "probe", "{}", 1, 3,
							Backoff.fixed(Duration.ofSeconds(1)), null, now, now, now))
					.toList();
				JobStore.ClaimKey first = new JobStore.ClaimKey(5, now.atOffset(ZoneOffset.UTC), jobs.get(0).id());
				this.firsts.add(first);
				return new JobStore.Claim(jobs, first);
			});
		return store;
	}

}
