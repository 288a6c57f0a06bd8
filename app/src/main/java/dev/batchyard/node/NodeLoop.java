package dev.batchyard.node;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Periodic work of this node (not of the cluster: that runs as clustered Quartz jobs), on
 * one daemon platform thread of its own, started and stopped with the application. Every
 * task runs with a fixed delay after the previous run ends and survives any failure,
 * {@link Error}s included: the failure is logged and the task runs again at its next
 * turn. A bare {@link ScheduledExecutorService} would silently cancel a task that threw
 * once, and the node would go on without, say, its rate limit overrides.
 *
 * @author Batchyard
 */
public final class NodeLoop implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(NodeLoop.class);

	private final String threadName;

	private final List<Task> tasks;

	private volatile ScheduledExecutorService executor;

	/**
	 * @param threadName the name of the loop's thread, as thread dumps show it
	 * @param tasks what the loop runs, each at its own interval
	 */
	public NodeLoop(String threadName, Task... tasks) {
		this.threadName = threadName;
		this.tasks = List.of(tasks);
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(this.threadName).daemon(true).factory());
		for (Task task : this.tasks) {
			executor.scheduleWithFixedDelay(() -> run(task), task.firstAfter().toMillis(), task.every().toMillis(),
					TimeUnit.MILLISECONDS);
		}
		this.executor = executor;
	}

	private static void run(Task task) {
		try {
			task.action().run();
		}
		catch (Throwable ex) {
			logger.warn("Could not " + task.what() + "; trying again in " + task.every().toMillis() + " ms", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * One periodic task.
	 *
	 * @param what what the task does, for the log line of a failed run ("reload the rate
	 * limit overrides")
	 * @param firstAfter when it first runs after the loop starts
	 * @param every the delay between the end of one run and the start of the next
	 * @param action the work
	 */
	public record Task(String what, Duration firstAfter, Duration every, Runnable action) {

		/** A task that first runs one interval after the loop starts. */
		public static Task every(Duration interval, String what, Runnable action) {
			return new Task(what, interval, interval, action);
		}

		/** A task that runs as soon as the loop starts, then every interval. */
		public static Task now(Duration interval, String what, Runnable action) {
			return new Task(what, Duration.ZERO, interval, action);
		}

	}

}
