package dev.batchyard.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import dev.batchyard.BatchyardApplication;
import dev.batchyard.engine.EnqueueRequest;
import dev.batchyard.engine.Job;
import dev.batchyard.engine.JobState;
import dev.batchyard.engine.JobStateChanged;
import dev.batchyard.engine.Jobs;
import dev.batchyard.engine.QueueControls;
import dev.batchyard.engine.WorkerRecycled;
import dev.batchyard.engine.Workers;
import dev.batchyard.support.ApiClient;
import dev.batchyard.support.ApiClient.Response;
import dev.batchyard.support.MovableClock;
import dev.batchyard.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Worker recycling on a node of the shipped application with real PostgreSQL, through its
 * HTTP API with real logins: a pool recycled after 5 jobs (recycle-after-jobs: 5), and
 * recycleWorker graceful and forced. Memory is sampled every 100 ms; the hard limit is
 * far over the heap, so no recycle here is for memory.
 */
class WorkerRecyclingIntegrationTests {

	private static final String NODE = "recycling-node";

	private static final MovableClock time = new MovableClock();

	private static final Queue<WorkerRecycled> recycled = new ConcurrentLinkedQueue<>();

	private static final Queue<JobStateChanged> changes = new ConcurrentLinkedQueue<>();

	private static ConfigurableApplicationContext node;

	private static Jobs jobs;

	private static Workers workers;

	@BeforeAll
	static void startNode() {
		String url = TestServers.freshPostgresDatabase("worker_recycling");
		List<String> arguments = List.of("--server.port=0", "--spring.datasource.url=" + url,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--batchyard.node.id=" + NODE, "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + NODE,
				"--spring.main.banner-mode=off", "--batchyard.security.admin.password=admin-secret",
				"--batchyard.security.viewer.password=viewer-secret",
				"--batchyard.api.rate-limit.requests-per-minute=100000", "--batchyard.engine.poll-interval=200ms",
				"--batchyard.memory.sample-interval=100ms", "--batchyard.memory.recycle-after-jobs=5",
				"--batchyard.memory.recycle-grace=5s", "--batchyard.memory.soft-limit-mb=8192",
				"--batchyard.memory.hard-limit-mb=16384");
		node = new SpringApplicationBuilder(BatchyardApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("clock", time))
			.listeners(ApplicationListener.forPayload(recycled::add), ApplicationListener.forPayload(changes::add))
			.run(arguments.toArray(String[]::new));
		jobs = node.getBean(Jobs.class);
		workers = node.getBean(Workers.class);
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void aPoolRecycledAfterFiveJobsGoesThroughRecyclingToANewGenerationAndLosesNothing() throws Exception {
		String queue = "royalty-calculation";
		List<WorkerRecycled> earlier = recycledOf(queue);
		Set<Workers.WorkerStatus> seen = ConcurrentHashMap.newKeySet();
		Thread watcher = Thread.ofPlatform().start(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				seen.add(generation(queue).status());
				try {
					Thread.sleep(2);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ids.add(enqueue(queue, "{\"sleepMs\": 300}"));
		}

		List<Job> done = ids.stream().map(WorkerRecyclingIntegrationTests::awaitFinished).toList();
		watcher.interrupt();
		watcher.join();

		assertThat(done).as("every job completed once, with its first attempt").allSatisfy((job) -> {
			assertThat(job.state()).isEqualTo(JobState.COMPLETED);
			assertThat(job.attempts()).isEqualTo(1);
			assertThat(job.failures()).isEmpty();
		});
		List<WorkerRecycled> ofQueue = new ArrayList<>(recycledOf(queue));
		// another test may have moved the clock past recycle-after-hours before this one
		ofQueue.removeAll(earlier);
		assertThat(ofQueue).as("the pool was recycled after its jobs").isNotEmpty();
		assertThat(ofQueue).allSatisfy((event) -> {
			assertThat(event.reason()).startsWith("processed ").contains("(recycle-after-jobs: 5)");
			assertThat(event.jobsProcessed()).isGreaterThanOrEqualTo(5);
			assertThat(event.handedBack()).isZero();
			assertThat(generationOf(event.newWorkerId())).isEqualTo(generationOf(event.workerId()) + 1);
		});
		assertThat(seen).contains(Workers.WorkerStatus.RECYCLING, Workers.WorkerStatus.ACTIVE);
		// each job counted once, by the generation that ran it
		Map<String, Long> perWorker = done.stream()
			.collect(Collectors.groupingBy(Job::workerId, Collectors.counting()));
		assertThat(perWorker).as("jobs per generation").hasSizeGreaterThanOrEqualTo(2);
		for (WorkerRecycled event : ofQueue) {
			assertThat(perWorker.getOrDefault(event.workerId(), 0L)).as(event.workerId())
				.isEqualTo(event.jobsProcessed());
		}
		assertThat(perWorker.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
	}

	@Test
	void aGracefulRecycleLetsTheRunningJobFinishThenStartsTheNextGeneration() {
		String queue = "license-management";
		long id = enqueue(queue, "{\"sleepMs\": 2000}");
		await().atMost(Duration.ofSeconds(20)).until(() -> state(id) == JobState.ACTIVE);
		String workerId = generation(queue).workerId();

		JsonNode result = recycle(admin(), workerId, "a suspected leak", null).json()
			.path("data")
			.path("recycleWorker");
		assertThat(result.path("success").asBoolean()).isTrue();
		assertThat(result.path("status").asString()).isEqualTo("RECYCLING");
		assertThat(result.path("queueName").asString()).isEqualTo(queue);
		assertThat(result.path("workerId").asString()).isEqualTo(workerId);
		assertThat(worker(workerId).path("status").asString()).isEqualTo("RECYCLING");
		JsonNode again = recycle(admin(), workerId, "twice", true).json().path("data").path("recycleWorker");
		assertThat(again.path("success").asBoolean()).isFalse();
		assertThat(again.path("status").asString()).isEqualTo("FAILED");
		assertThat(again.path("message").asString()).contains("already being recycled");

		WorkerRecycled event = awaitRecycled(workerId);
		Job job = awaitFinished(id);
		assertThat(job.state()).isEqualTo(JobState.COMPLETED);
		assertThat(job.attempts()).isEqualTo(1);
		assertThat(job.workerId()).as("it finished on the old generation").isEqualTo(workerId);
		assertThat(event.reason()).isEqualTo("a suspected leak");
		assertThat(event.handedBack()).isZero();
		assertThat(event.jobsProcessed()).isEqualTo(1);
		assertThat(worker(event.newWorkerId()).path("status").asString()).isEqualTo("ACTIVE");
		assertThat(worker(event.newWorkerId()).path("jobsProcessed").asLong()).isZero();
	}

	@Test
	void aForcedRecycleHandsTheRunningJobBackWithItsAttemptUnspentAndItCompletesLater() {
		String queue = "cache-maintenance";
		long id = enqueue(queue, "{\"sleepMs\": 30000}");
		await().atMost(Duration.ofSeconds(20)).until(() -> state(id) == JobState.ACTIVE);
		assertThat(jobs.find(id).orElseThrow().attempts()).isEqualTo(1);
		String workerId = generation(queue).workerId();

		JsonNode result = recycle(admin(), workerId, "forced by the test", false).json()
			.path("data")
			.path("recycleWorker");
		assertThat(result.path("status").asString()).isEqualTo("RECYCLING");
		assertThat(result.path("message").asString()).contains("handed back to waiting now");

		WorkerRecycled event = awaitRecycled(workerId);
		assertThat(event.handedBack()).isEqualTo(1);
		assertThat(changes).as("the job went back to waiting")
			.anyMatch((change) -> change.jobId() == id && change.state() == JobState.WAITING);
		// the new generation claims it again; the test does not wait 30 s for it
		await().atMost(Duration.ofSeconds(20))
			.until(() -> event.newWorkerId().equals(jobs.find(id).orElseThrow().workerId()));
		Job again = jobs.find(id).orElseThrow();
		assertThat(again.state()).isEqualTo(JobState.ACTIVE);
		assertThat(again.attempts()).as("the handed-back attempt was not spent").isEqualTo(1);
		assertThat(again.failures()).isEmpty();
		node.getBean(QueueControls.class).cancel(id);
	}

	@Test
	void aShortJobHandedBackByAForcedRecycleCompletesOnTheNextGeneration() {
		String queue = "scheduled-blog-publishing";
		long id = enqueue(queue, "{\"sleepMs\": 3000}");
		await().atMost(Duration.ofSeconds(20)).until(() -> state(id) == JobState.ACTIVE);
		String workerId = generation(queue).workerId();

		recycle(admin(), workerId, "forced", false);
		WorkerRecycled event = awaitRecycled(workerId);
		Job done = awaitFinished(id);

		assertThat(event.handedBack()).isEqualTo(1);
		assertThat(done.state()).isEqualTo(JobState.COMPLETED);
		assertThat(done.attempts()).isEqualTo(1);
		assertThat(done.failures()).isEmpty();
		assertThat(done.workerId()).isEqualTo(event.newWorkerId());
	}

	@Test
	void anUnknownWorkerIsNotFoundAndAViewerMayNotRecycle() {
		Response unknown = recycle(admin(), "no-such-queue@" + NODE + "#1", "test", true);
		assertThat(unknown.errorCode()).isEqualTo("WORKER_NOT_FOUND");
		assertThat(unknown.json().path("errors").path(0).path("message").asString()).contains("no-such-queue@");
		String stale = generation("token-cleanup").workerId().replaceFirst("#\\d+$", "#999");
		assertThat(recycle(admin(), stale, "test", true).errorCode()).isEqualTo("WORKER_NOT_FOUND");
		assertThat(recycle(admin(), generation("token-cleanup").workerId(), " ", true).errorCode())
			.isEqualTo("INVALID_PARAMETERS");

		String current = generation("upload-cleanup").workerId();
		assertThat(recycle(viewer(), current, "not mine", true).errorCode()).isEqualTo("FORBIDDEN");
		assertThat(generation("upload-cleanup").workerId()).isEqualTo(current);
		assertThat(generation("upload-cleanup").status()).isEqualTo(Workers.WorkerStatus.ACTIVE);

		JsonNode audit = admin().graphql("{ auditLog(limit: 20) { actor operation outcome } }")
			.json()
			.path("data")
			.path("auditLog");
		assertThat(audit.valueStream().filter((entry) -> entry.path("operation").asString().equals("recycleWorker")))
			.anySatisfy((entry) -> assertThat(entry.path("actor").asString()).isEqualTo("viewer"))
			.anySatisfy((entry) -> assertThat(entry.path("actor").asString()).isEqualTo("admin"));
	}

	@Test
	void workersMemoryListsEveryWorkerAndAWorkerPastItsHoursIsRecycled() {
		JsonNode summary = viewer().graphql("""
				{ workersMemory { totalWorkers totalJobsProcessed averageMemoryUsage workersNeedingRecycle
				  workers { workerId queueName status jobsProcessed startTime
				    lastMemoryCheck { heapUsed percentage timestamp } shouldRecycle recycleReason } } }""")
			.json()
			.path("data")
			.path("workersMemory");
		assertThat(summary.path("totalWorkers").asInt()).isEqualTo(30);
		assertThat(summary.path("averageMemoryUsage").asDouble()).isPositive();
		JsonNode session = ofQueue(summary, "session-cleanup");
		assertThat(session.path("workerId").asString()).matches("session-cleanup@" + NODE + "#\\d+");
		assertThat(session.path("lastMemoryCheck").path("heapUsed").asDouble()).isPositive();
		assertThat(session.path("shouldRecycle").asBoolean()).isFalse();
		assertThat(session.path("recycleReason").isNull()).isTrue();
		String before = session.path("workerId").asString();

		time.advance(Duration.ofHours(4));

		WorkerRecycled event = awaitRecycled(before);
		assertThat(event.reason()).startsWith("running for ").endsWith("(recycle-after-hours: 4)");
		assertThat(generation("session-cleanup").workerId()).isEqualTo(event.newWorkerId());
	}

	private static JsonNode ofQueue(JsonNode summary, String queue) {
		return summary.path("workers")
			.valueStream()
			.filter((worker) -> worker.path("queueName").asString().equals(queue))
			.findFirst()
			.orElseThrow();
	}

	private static JsonNode worker(String workerId) {
		return viewer().graphql("{ workersMemory { workers { workerId status jobsProcessed } } }")
			.json()
			.path("data")
			.path("workersMemory")
			.path("workers")
			.valueStream()
			.filter((worker) -> worker.path("workerId").asString().equals(workerId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no current worker " + workerId));
	}

	private static Response recycle(ApiClient client, String workerId, String reason, Boolean graceful) {
		Map<String, Object> input = (graceful != null) ? Map.of("reason", reason, "graceful", graceful)
				: Map.of("reason", reason);
		return client.graphql("""
				mutation($id: String!, $input: RecycleWorkerInput!) {
				  recycleWorker(workerId: $id, input: $input) { success workerId queueName status message } }""",
				Map.of("id", workerId, "input", input));
	}

	private static WorkerRecycled awaitRecycled(String workerId) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> recycled.stream().filter((event) -> event.workerId().equals(workerId)).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	private static List<WorkerRecycled> recycledOf(String queue) {
		return recycled.stream().filter((event) -> event.queueName().equals(queue)).toList();
	}

	private static Workers.WorkerGeneration generation(String queue) {
		return workers.generations()
			.stream()
			.filter((worker) -> worker.queueName().equals(queue))
			.findFirst()
			.orElseThrow();
	}

	private static int generationOf(String workerId) {
		return Integer.parseInt(workerId.substring(workerId.lastIndexOf('#') + 1));
	}

	private static long enqueue(String queue, String payload) {
		return jobs.enqueue(EnqueueRequest.of("probe", payload).onQueue(queue)).job().id();
	}

	private static JobState state(long id) {
		return jobs.find(id).orElseThrow().state();
	}

	private static Job awaitFinished(long id) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> jobs.find(id).orElseThrow(), (job) -> job.state() == JobState.COMPLETED
					|| job.state() == JobState.FAILED || job.state() == JobState.CANCELLED);
	}

	private static int port() {
		return ((WebServerApplicationContext) node).getWebServer().getPort();
	}

	private static ApiClient admin() {
		return ApiClient.as(port(), "admin", "admin-secret");
	}

	private static ApiClient viewer() {
		return ApiClient.as(port(), "viewer", "viewer-secret");
	}

}
