package dev.batchyard.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * One engine on an in-memory H2 database, shared by the engine's fast tests (each test
 * uses queues of its own). Queues whose order matters run one worker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "spring.datasource.url=jdbc:h2:mem:engine-tests;DB_CLOSE_DELAY=-1",
				"batchyard.engine.poll-interval=200ms", "batchyard.catalog.queues.low-priority.concurrency=1",
				"batchyard.catalog.queues.cache-maintenance.concurrency=1",
				"batchyard.catalog.queues.metrics-rollup.concurrency=1",
				"batchyard.catalog.rate-limits.tight.per-minute=1",
				"batchyard.catalog.queues.royalty-calculation.limiters=tight",
				"batchyard.catalog.rate-limits.items3.per-minute=3" })
@Import(TestJobTypes.class)
@interface EngineTest {

}
