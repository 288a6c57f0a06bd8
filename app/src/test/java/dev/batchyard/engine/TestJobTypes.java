package dev.batchyard.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import dev.batchyard.catalog.spi.Bookkeeping;
import dev.batchyard.catalog.spi.JobContext;
import dev.batchyard.catalog.spi.JobType;
import dev.batchyard.catalog.spi.JobTypeDescriptor;
import dev.batchyard.catalog.spi.NonRetryableJobException;
import dev.batchyard.limits.SoftTimeoutReached;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * Job types that only the tests need.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestJobTypes {

	/** Answers as an HTTP call would on a 404: retrying cannot help. */
	@Bean
	JobType<Map<String, Object>> rejectedRequest() {
		return lightType("rejected-request", (context) -> {
			throw new NonRetryableJobException("HTTP 404 from https://example.test/hook: do not retry");
		});
	}

	/** Says which thread ran its step. */
	@Bean
	JobType<Map<String, Object>> workerThread() {
		return lightType("worker-thread", (context) -> context
			.result(Map.of("name", Thread.currentThread().getName(), "virtual", Thread.currentThread().isVirtual())));
	}

	/** Logs lines and reports progress the way a long job does. */
	@Bean
	JobType<Map<String, Object>> chatty() {
		return lightType("chatty", (context) -> {
			for (int i = 1; i <= 5; i++) {
				context.log("row batch " + i + " written");
				context.progress(i * 20);
			}
			context.result(Map.of("rows", 500));
		});
	}

	/**
	 * Reports {@code percent} progress, then holds its worker until the test releases it
	 * through {@link Gates} (at most 30 s): a job half way through its work.
	 */
	@Bean
	JobType<Map<String, Object>> halfway(Gates gates) {
		return lightType("halfway", (context, payload) -> {
			for (Object percent : (List<?>) payload.get("percents")) {
				context.progress(((Number) percent).intValue());
			}
			gates.awaitRelease(context.jobId());
		});
	}

	/** Logs {@code lines} numbered lines. */
	@Bean
	JobType<Map<String, Object>> verbose() {
		return lightType("verbose", (context, payload) -> {
			int lines = ((Number) payload.get("lines")).intValue();
			for (int i = 1; i <= lines; i++) {
				context.log("line " + i);
			}
		});
	}

	@Bean
	Gates gates() {
		return new Gates();
	}

	/** Test signals that let a job finish, by job id. */
	static class Gates {

		private final Map<Long, java.util.concurrent.CountDownLatch> gates = new ConcurrentHashMap<>();

		void release(long jobId) {
			gate(jobId).countDown();
		}

		void awaitRelease(long jobId) {
			try {
				gate(jobId).await(30, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private java.util.concurrent.CountDownLatch gate(long jobId) {
			return this.gates.computeIfAbsent(jobId, (id) -> new java.util.concurrent.CountDownLatch(1));
		}

	}

	/**
	 * Waits {@code busyMs} ignoring interrupts, as a step stuck in a non-interruptible
	 * call (a socket read without timeout, a native call) does.
	 */
	@Bean
	JobType<Map<String, Object>> stubborn() {
		return lightType("stubborn", (context, payload) -> {
			long end = System.nanoTime() + ((Number) payload.get("busyMs")).longValue() * 1_000_000;
			boolean interrupted = false;
			for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
				LockSupport.parkNanos(left);
				interrupted |= Thread.interrupted();
			}
			context.result(Map.of("interrupted", interrupted));
		});
	}

	/** The soft timeouts this context saw. */
	@Bean
	SoftTimeouts softTimeouts() {
		return new SoftTimeouts();
	}

	/** Five items, one permit each from the type's own limiter {@code items3} (3/min). */
	@Bean
	JobType<Map<String, Object>> perItem(WrittenItems written) {
		@SuppressWarnings("unchecked")
		Class<Map<String, Object>> payloadType = (Class<Map<String, Object>>) (Class<?>) Map.class;
		JobTypeDescriptor<Map<String, Object>> descriptor = new JobTypeDescriptor<>("per-item", "default", payloadType);
		return new JobType<>() {

			@Override
			public JobTypeDescriptor<Map<String, Object>> descriptor() {
				return descriptor;
			}

			@Override
			public List<String> limiters() {
				return List.of("items3");
			}

			@Override
			public boolean permitsPerItem() {
				return true;
			}

			@Override
			public Job job(Map<String, Object> payload, JobContext context) {
				ItemProcessor<String, String> upper = String::toUpperCase;
				return context.job("per-item",
						context.step("items")
							.<String, String>chunk(1, context.transactionManager())
							.reader(new ListItemReader<>(List.of("a", "b", "c", "d", "e")))
							.processor(context.permitPerItem(upper))
							.writer((chunk) -> chunk.forEach((item) -> written.add(context.jobId(), item)))
							.build());
			}

		};
	}

	@Bean
	WrittenItems writtenItems() {
		return new WrittenItems();
	}

	/** What the per-item job wrote, by job id. */
	static class WrittenItems {

		private final Map<Long, List<String>> items = new ConcurrentHashMap<>();

		void add(long jobId, String item) {
			this.items.computeIfAbsent(jobId, (id) -> new CopyOnWriteArrayList<>()).add(item);
		}

		List<String> of(long jobId) {
			return this.items.getOrDefault(jobId, List.of());
		}

	}

	@Bean
	StepCalls stepCalls() {
		return new StepCalls();
	}

	@Bean
	StepDecorator outerRecorder(StepCalls calls) {
		return recorder("outer", 10, calls);
	}

	@Bean
	StepDecorator innerRecorder(StepCalls calls) {
		return recorder("inner", 20, calls);
	}

	private static StepDecorator recorder(String name, int order, StepCalls calls) {
		return new StepDecorator() {

			@Override
			public int getOrder() {
				return order;
			}

			@Override
			public void around(StepExecution step, RunningJob job, Invocation next) throws Exception {
				calls.add(job.jobId(), name + ">" + step.getStepName());
				next.proceed();
				calls.add(job.jobId(), name + "<" + step.getStepName());
			}

		};
	}

	/** What the recording decorators saw, by job id. */
	static class StepCalls {

		private final Map<Long, List<String>> calls = new ConcurrentHashMap<>();

		void add(long jobId, String call) {
			this.calls.computeIfAbsent(jobId, (id) -> new CopyOnWriteArrayList<>()).add(call);
		}

		List<String> of(long jobId) {
			return this.calls.getOrDefault(jobId, List.of());
		}

	}

	private static JobType<Map<String, Object>> lightType(String name, Work work) {
		return lightType(name, (context, payload) -> work.run(context));
	}

	private static JobType<Map<String, Object>> lightType(String name, PayloadWork work) {
		return lightType(name, (context, payload, chunk) -> work.run(context, payload));
	}

	private static JobType<Map<String, Object>> lightType(String name, ChunkWork work) {
		@SuppressWarnings("unchecked")
		Class<Map<String, Object>> payloadType = (Class<Map<String, Object>>) (Class<?>) Map.class;
		JobTypeDescriptor<Map<String, Object>> descriptor = new JobTypeDescriptor<>(name, "default", payloadType);
		return new JobType<>() {

			@Override
			public JobTypeDescriptor<Map<String, Object>> descriptor() {
				return descriptor;
			}

			@Override
			public Bookkeeping bookkeeping(Map<String, Object> payload) {
				return Bookkeeping.LIGHT;
			}

			@Override
			public Job job(Map<String, Object> payload, JobContext context) {
				return context.job(name, context.step("work").tasklet((contribution, chunk) -> {
					work.run(context, payload, chunk);
					return RepeatStatus.FINISHED;
				}, context.transactionManager()).build());
			}

		};
	}

	/**
	 * Light: reads the step context Batch hands its tasklet and says whether it is this
	 * attempt's (Batch finds it by step execution in a JVM-wide map).
	 */
	@Bean
	JobType<Map<String, Object>> ownContext() {
		return lightType("own-context", (context, payload, chunk) -> {
			LockSupport.parkNanos(1_000_000);
			Long seen = chunk.getStepContext().getStepExecution().getJobParameters().getLong("batchyard.job.id");
			context.result(Map.of("ownContext", Long.valueOf(context.jobId()).equals(seen)));
		});
	}

	/** Collects {@link SoftTimeoutReached} events, by job id. */
	static class SoftTimeouts {

		private final Map<Long, SoftTimeoutReached> reached = new ConcurrentHashMap<>();

		@EventListener
		void on(SoftTimeoutReached event) {
			this.reached.put(event.jobId(), event);
		}

		SoftTimeoutReached of(long jobId) {
			return this.reached.get(jobId);
		}

	}

	@FunctionalInterface
	interface PayloadWork {

		void run(JobContext context, Map<String, Object> payload);

	}

	@FunctionalInterface
	interface ChunkWork {

		void run(JobContext context, Map<String, Object> payload, ChunkContext chunk);

	}

	@FunctionalInterface
	interface Work {

		void run(JobContext context);

	}

}
