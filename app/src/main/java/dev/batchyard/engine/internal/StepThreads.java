package dev.batchyard.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads steps run on while their worker thread waits with a time limit (see
 * {@link TimeLimitDecorator}): a cached pool whose thread takes the name
 * {@code <worker thread>-step} while it runs a worker's step.
 * <p>
 * A step that outlives its wait (a timeout, a cancel) is <em>left running</em>: its
 * worker thread records the outcome, then {@link #awaitLeftRunning() waits} for the step
 * thread to really return before it goes back to its pool, so the pool's slot stays taken
 * and a queue never runs more steps than its pool has workers.
 *
 * @author Batchyard
 */
class StepThreads implements AutoCloseable {

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "batchyard-step");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<Thread, List<CompletableFuture<Void>>> leftRunning = new ConcurrentHashMap<>();

	/**
	 * Runs a step for the calling worker thread.
	 * @param step the step
	 * @return completes when the step thread has returned (even after a cancel)
	 */
	CompletableFuture<Void> run(Runnable step) {
		String name = Thread.currentThread().getName() + "-step";
		CompletableFuture<Void> returned = new CompletableFuture<>();
		this.executor.execute(() -> {
			Thread thread = Thread.currentThread();
			thread.setName(name);
			try {
				step.run();
			}
			finally {
				thread.setName("batchyard-step");
				Thread.interrupted();
				returned.complete(null);
			}
		});
		return returned;
	}

	/**
	 * Notes that a step of the calling worker thread is still running after its wait.
	 * @param returned completes when the step thread returns
	 */
	void leftRunning(CompletableFuture<Void> returned) {
		if (!returned.isDone()) {
			this.leftRunning.computeIfAbsent(Thread.currentThread(), (thread) -> new ArrayList<>()).add(returned);
		}
	}

	/**
	 * Waits, uninterruptibly, until every step the calling worker thread left running has
	 * returned.
	 */
	void awaitLeftRunning() {
		List<CompletableFuture<Void>> steps = this.leftRunning.remove(Thread.currentThread());
		if (steps != null) {
			steps.forEach(CompletableFuture::join);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
