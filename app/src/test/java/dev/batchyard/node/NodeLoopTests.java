package dev.batchyard.node;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.batchyard.node.NodeLoop.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLoopTests {

	@Test
	void aTaskRunsAgainAfterItThrowsAnExceptionOrAnError() throws InterruptedException {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch fourRuns = new CountDownLatch(4);
		NodeLoop loop = new NodeLoop("test-loop", Task.now(Duration.ofMillis(1), "fail every time", () -> {
			fourRuns.countDown();
			if (runs.incrementAndGet() % 2 == 0) {
				throw new OutOfMemoryError("thrown by the test");
			}
			throw new IllegalStateException("thrown by the test");
		}));
		loop.start();
		try {
			assertThat(fourRuns.await(30, TimeUnit.SECONDS)).as("runs after failures").isTrue();
		}
		finally {
			loop.stop();
		}
		assertThat(loop.isRunning()).isFalse();
	}

	@Test
	void theTasksRunOnTheNamedThread() throws InterruptedException {
		CountDownLatch ran = new CountDownLatch(1);
		String[] thread = new String[1];
		NodeLoop loop = new NodeLoop("batchyard-test", Task.now(Duration.ofMillis(5), "record the thread", () -> {
			thread[0] = Thread.currentThread().getName();
			ran.countDown();
		}));
		loop.start();
		try {
			assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			loop.stop();
		}
		assertThat(thread[0]).isEqualTo("batchyard-test");
	}

}
